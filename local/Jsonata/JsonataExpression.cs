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

    public override string ToString() => Source;
}
