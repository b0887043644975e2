using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;
using StepFunctions.Local;

namespace StepFunctions.Bench;

/// <summary>The in-process tasks, identical in behaviour to the comparator's JavaScript handlers: each
/// returns the lambda:invoke response shape.</summary>
internal static class Handlers
{
    private static long counter;

    public static IResourceResolver Resolver() => new ResolverBuilder()
        .MapState("GenerateNumber", _ =>
        {
            var n = Interlocked.Increment(ref counter);
            return Invoked(new JsonObject { ["number"] = n, ["is_even"] = n % 2 == 0 });
        })
        .MapState("ProcessEven", input => Invoked(new JsonObject { ["number"] = Number(input), ["parity"] = "even" }))
        .MapState("ProcessOdd", input => Invoked(new JsonObject { ["number"] = Number(input), ["parity"] = "odd" }))
        .MapState("Double", input => Invoked(new JsonObject { ["number"] = Number(input) * 2 }))
        .Build();

    /// <summary>The same functions as real Lambda functions behind the lambda:invoke integration (adds the
    /// SDK metadata to each result, as AWS does).</summary>
    public static IResourceResolver LambdaResolver() => new ResolverBuilder()
        .AddFunction("number-generator", _ =>
        {
            var n = Interlocked.Increment(ref counter);
            return new JsonObject { ["number"] = n, ["is_even"] = n % 2 == 0 };
        })
        .AddFunction("even", input => new JsonObject { ["number"] = Integer(input!["number"]), ["parity"] = "even" })
        .AddFunction("odd", input => new JsonObject { ["number"] = Integer(input!["number"]), ["parity"] = "odd" })
        .AddFunction("double", input => new JsonObject { ["number"] = Integer(input!["number"]) * 2 })
        .Build();

    private static long Number(JsonNode? input) => Integer(input!["Payload"]!["number"]);

    private static long Integer(JsonNode? node) => Json.IsInteger(node, out var value) ? value : throw new ArgumentException("number expected");

    private static JsonObject Invoked(JsonObject payload) => new() { ["StatusCode"] = 200, ["Payload"] = payload };
}
