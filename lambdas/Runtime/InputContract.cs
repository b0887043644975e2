namespace Lambdas.Runtime;

/// <summary>
/// What a handler accepts, in words, so malformed or mistyped input gets a message naming the field and what
/// is allowed instead of a serializer stack trace.
/// </summary>
/// <param name="Example">An example of valid input, e.g. <c>{"number": 42}</c>.</param>
/// <param name="Fields">JSON field name → what it must be, e.g. "number" → "an integer".</param>
public sealed record InputContract(string Example, IReadOnlyDictionary<string, string> Fields)
{
    public string Describe(string field) =>
        Fields.TryGetValue(field, out var rule) ? $"Field '{field}' must be {rule}" : $"Field '{field}' has an unsupported value";
}
