using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary>Runs small definitions with instant waits so each test states one rule.</summary>
internal static class Sfn
{
    public static Task<ExecutionResult> Run(string definition, string input = "{}", IResourceResolver? resolver = null, double timeScale = 0) =>
        LocalStateMachine.Create(definition).ExecuteAsync(Json.Parse(input), new ExecutionOptions { Resolver = resolver, TimeScale = timeScale });

    public static async Task<JsonNode?> Output(string definition, string input = "{}", IResourceResolver? resolver = null)
    {
        var result = await Run(definition, input, resolver);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"expected success, got {result.Status}: {result.Error} {result.Cause}");
        return result.Output;
    }

    public static async Task<ExecutionResult> Failure(string definition, string input = "{}", IResourceResolver? resolver = null)
    {
        var result = await Run(definition, input, resolver);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        return result;
    }

    /// <summary>A one-state machine.</summary>
    public static string Single(string stateJson) => "{\"StartAt\":\"S\",\"States\":{\"S\":" + stateJson + "}}";

    public static void JsonEqual(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(Json.Parse(expected), actual), $"expected {expected} but got {Json.Serialize(actual)}");

    public static ResolverBuilder Resolver() => new();

    /// <summary>Puts values into a JSON template at <c>{name}</c> markers.</summary>
    public static string Fill(string template, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return template;
    }
}
