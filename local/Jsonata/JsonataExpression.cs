using System.Text.Json.Nodes;
using Jsonata.Evaluation;
using Jsonata.Parsing;

namespace Jsonata;

/// <summary>
/// A parsed JSONata expression. Parse once, evaluate many times, from any number of threads: the AST is
/// immutable and each evaluation has its own state.
/// </summary>
public sealed class JsonataExpression
{
    private readonly Node root;

    private JsonataExpression(string source, Node root)
    {
        Source = source;
        this.root = root;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="JsonataException"/> (S0xxx) when it is not valid JSONata.</summary>
    public static JsonataExpression Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JsonataExpression(source, Parser.Parse(source));
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> (null = JSON null; use the overload with <see cref="JsonataResult"/>
    /// for an undefined input). <paramref name="bindings"/> are variables (<c>$name</c>, keys without '$').
    /// Throws <see cref="JsonataException"/>, or <see cref="JsonataLimitException"/> past the environment's limits.
    /// The input and bindings are only read, never modified.
    /// </summary>
    public JsonataResult Evaluate(JsonNode? input, IReadOnlyDictionary<string, JsonNode?>? bindings = null,
        JsonataEnvironment? environment = null) =>
        Evaluate(JsonataResult.Of(input), bindings, environment);

    public JsonataResult Evaluate(JsonataResult input, IReadOnlyDictionary<string, JsonNode?>? bindings,
        JsonataEnvironment? environment = null) =>
        Evaluate(JsonataValue.From(input), bindings?.ToDictionary(b => b.Key, b => JsonataValue.From(b.Value)), environment);

    /// <summary>Evaluates against data converted once with <see cref="JsonataValue.From(JsonNode?)"/> (no per-call conversion).</summary>
    public JsonataResult Evaluate(JsonataValue input, IReadOnlyDictionary<string, JsonataValue>? bindings = null,
        JsonataEnvironment? environment = null) =>
        Evaluator.Run(root, input.Value, bindings, environment ?? JsonataEnvironment.Standard);

    /// <summary>
    /// What the expression reads from its input at the top level, found without evaluating it, each once in source
    /// order: field names (<c>phone</c> in <c>phone.number</c>), <c>"$"</c> for the context item, <c>"$$"</c> for
    /// the root. Later path steps, predicates, sort terms, groupings and transforms read the value before them and
    /// are not listed; a lambda body is (it keeps the context it was defined in). For hosts that evaluate without an
    /// input and refuse such reads when the expression is defined.
    /// </summary>
    public IReadOnlyList<string> InputReferences() => ReferenceFinder.InputReferences(root);

    /// <summary>Every <c>$variable.field</c> read anywhere in the expression, as "variable.field", each once in
    /// source order (e.g. "states.errorOutput" for <c>$states.errorOutput.Cause</c>).</summary>
    public IReadOnlyList<string> VariableFields() => ReferenceFinder.VariableFields(root);

    public override string ToString() => Source;
}
