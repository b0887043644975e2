namespace Jsonata.Evaluation;

/// <summary>
/// An error raised where the source position is not known (inside an operator or a built-in function); the
/// evaluator catches it at the call site and rethrows it as a <see cref="JsonataException"/> with the position.
/// </summary>
internal sealed class FunctionException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
