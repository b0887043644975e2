using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>Random JSONata definitions (random expressions in every field that takes one, random variables and
/// documents): validation reports problems as diagnostics and runs end in an execution status, never an unhandled
/// exception or a hang; runaway expressions stop at AWS's depth and time limits with States.QueryEvaluationError.</summary>
public class JsonataFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Atoms =
    [
        "$states.input", "$states.input.a", "$states.input.list", "$states.input.s", "$states.input.n", "$states.context.State.Name",
        "$states.context.Execution.Input", "$v1", "$v2", "$missing", "1", "0", "-2.5", "'x'", "\"a,b\"", "true", "null", "[]", "{}",
        "[1,2,3]", "{'k': 1}", "$states.result",
    ];

    /// <summary>Reads AWS refuses when the definition is created.</summary>
    private static readonly string[] Refused = ["$states.errorOutput", "phone", "$$", "$", "a.b"];

    private static readonly string[] Unary =
    [
        "$string({0})", "$number({0})", "$count({0})", "$sum({0})", "$keys({0})", "$uppercase({0})", "$length({0})", "$exists({0})",
        "$not({0})", "$reverse({0})", "$sort({0})", "$distinct({0})", "$parse({0})", "$hash({0}, 'SHA-256')", "$partition({0}, 2)",
        "$range(0, {0}, 1)", "$random({0})", "$uuid()", "$eval({0})", "$map({0}, function($x){ $x })", "$filter({0}, function($x){ $x })",
        "{0}[0]", "{0}.a", "{0}[n > 0]", "({0})", "-{0}", "{0}^(n)", "{0}{'g': $count($)}", "$type({0})", "$formatNumber({0}, '#')",
        "$split({0}, ',')", "$join({0}, '-')", "$each({0}, function($v, $k){ $k })", "$lookup({0}, 'a')", "$merge([{0}])",
    ];

    private static readonly string[] Binary = ["+", "-", "*", "/", "%", "&", "=", "!=", "<", ">=", "and", "or", "in", "..", "~>"];

    private static readonly string[] Garbage = ["$states.input.(", "1 +", "[1,2", "{'a':}", "$x :=", "/re", "\"open", ")", "$f(", "a[1,2)"];

    private static string Expression(Random random, int depth)
    {
        switch (random.Next(150))
        {
            case 0:
                return Garbage[random.Next(Garbage.Length)];
            case 1:
                return Refused[random.Next(Refused.Length)];
        }
        if (depth <= 0 || random.Next(3) == 0)
        {
            return Atoms[random.Next(Atoms.Length)];
        }
        return random.Next(4) switch
        {
            0 => Unary[random.Next(Unary.Length)].Replace("{0}", Expression(random, depth - 1), StringComparison.Ordinal),
            1 => $"{Expression(random, depth - 1)} {Binary[random.Next(Binary.Length)]} {Expression(random, depth - 1)}",
            2 => $"{Expression(random, depth - 1)} ? {Expression(random, depth - 1)} : {Expression(random, depth - 1)}",
            _ => $"($t := {Expression(random, depth - 1)}; $t)",
        };
    }

    private static JsonNode? Value(Random random) => random.Next(5) switch
    {
        0 => JsonValue.Create(random.Next(-3, 10)),
        1 => JsonValue.Create("literal"),
        2 => new JsonObject { ["x"] = "{% " + Expression(random, 3) + " %}", ["lit"] = 1 },
        _ => JsonValue.Create("{% " + Expression(random, 3) + " %}"),
    };

    private static JsonObject Assign(Random random)
    {
        var assign = new JsonObject();
        foreach (var name in new[] { "v1", "v2", random.Next(20) == 0 ? "states" : "v3" }.Take(random.Next(1, 4)))
        {
            assign[name] = Value(random);
        }
        return assign;
    }

    private static JsonObject State(Random random, string? next, int depth)
    {
        var flow = (Action<JsonObject>)(s =>
        {
            if (next is null)
            {
                s["End"] = true;
            }
            else
            {
                s["Next"] = next;
            }
        });
        var kind = random.Next(depth > 1 ? 5 : 7);
        var state = new JsonObject();
        switch (kind)
        {
            case 0:
                state["Type"] = "Pass";
                break;
            case 1:
                state["Type"] = "Task";
                state["Resource"] = "arn:aws:states:::lambda:invoke";
                state["Arguments"] = Value(random);
                state["Catch"] = new JsonArray(new JsonObject
                {
                    ["ErrorEquals"] = new JsonArray("States.ALL"),
                    ["Next"] = "End",
                    ["Output"] = Value(random),
                    ["Assign"] = new JsonObject { ["err"] = "{% $states.errorOutput.Error %}" },
                });
                break;
            case 2:
                state["Type"] = "Wait";
                state["Seconds"] = random.Next(2) == 0 ? 0 : "{% " + Expression(random, 2) + " %}";
                break;
            case 3:
                state["Type"] = "Choice";
                state["Choices"] = new JsonArray(new JsonObject { ["Condition"] = "{% " + Expression(random, 3) + " %}", ["Next"] = "End", ["Assign"] = Assign(random) });
                state["Default"] = "End";
                state.Remove("Output");
                break;
            case 4:
                state["Type"] = "Fail";
                state["Error"] = Value(random);
                state["Cause"] = Value(random);
                return state;
            case 5:
                state["Type"] = "Map";
                state["Items"] = random.Next(2) == 0 ? "{% $states.input.list %}" : "{% " + Expression(random, 2) + " %}";
                state["MaxConcurrency"] = random.Next(3);
                state["ItemSelector"] = new JsonObject { ["i"] = "{% $states.context.Map.Item.Index %}", ["v"] = Value(random) };
                state["ItemProcessor"] = Graph(random, depth + 1);
                break;
            default:
                state["Type"] = "Parallel";
                state["Branches"] = new JsonArray(Graph(random, depth + 1), Graph(random, depth + 1));
                break;
        }
        if (state["Type"]!.GetValue<string>() != "Choice")
        {
            flow(state);
        }
        if (random.Next(2) == 0 && state["Type"]!.GetValue<string>() != "Choice")
        {
            state["Output"] = Value(random);
        }
        if (random.Next(2) == 0)
        {
            state["Assign"] = Assign(random);
        }
        return state;
    }

    private static JsonObject Graph(Random random, int depth)
    {
        var count = random.Next(1, 4);
        var states = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            states[$"S{i}"] = State(random, i + 1 < count ? $"S{i + 1}" : "End", depth);
        }
        states["End"] = new JsonObject { ["Type"] = "Succeed" };
        return new JsonObject { ["StartAt"] = "S0", ["States"] = states };
    }

    private static JsonNode Input(Random random) => new JsonObject
    {
        ["a"] = random.Next(3) == 0 ? null : new JsonObject { ["b"] = random.Next(5) },
        ["list"] = random.Next(4) == 0 ? JsonValue.Create("not a list") : new JsonArray(1, 2, random.Next(10)),
        ["s"] = random.Next(2) == 0 ? "{\"k\":[1]}" : "a,b",
        ["n"] = random.Next(-2, 4),
    };

    [Fact]
    public async Task Fifteen_hundred_random_JSONata_definitions_never_throw_or_hang()
    {
        var random = new Random(20261201);
        var statuses = new Dictionary<string, int>();
        var resolver = Sfn.Resolver().MapState("S0", x => x?.DeepClone()).MapState("S1", _ => throw new StatesException("Boom", "random"))
            .MapState("S2", _ => new JsonObject { ["ok"] = true }).Build();
        for (var i = 0; i < 1500; i++)
        {
            var definition = Graph(random, 0);
            definition["QueryLanguage"] = "JSONata";
            var text = Json.Serialize(definition);
            var parsed = LocalStateMachine.Validate(text);
            var key = "INVALID";
            if (parsed.IsValid)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var result = await LocalStateMachine.Create(text).ExecuteAsync(Input(random), new ExecutionOptions { Resolver = resolver, TimeScale = 0 }, cts.Token);
                Assert.False(cts.IsCancellationRequested, "hang: " + text);
                key = result.Status == ExecutionStatus.Failed ? "FAILED " + result.Error : result.StatusText;
            }
            else
            {
                Assert.All(parsed.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Message)));
            }
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
        }
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
        output.WriteLine(summary);
        Assert.True(statuses.GetValueOrDefault("SUCCEEDED") > 100, summary);
        Assert.True(statuses.GetValueOrDefault("FAILED " + StatesErrors.QueryEvaluationError) > 100, summary);
        Assert.True(statuses.GetValueOrDefault("INVALID") > 100, summary);
    }

    [Fact]
    public async Task An_endless_expression_stops_at_the_time_limit_with_QueryEvaluationError()
    {
        var result = await Sfn.Failure("""
            {"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","End":true,
              "Output":"{% ($loop := function($n){ $loop($n + 1) }; $loop(0)) %}"}}}
            """);
        Assert.Equal(StatesErrors.QueryEvaluationError, result.Error);
        Assert.Contains("threw an error during evaluation", result.Cause, StringComparison.Ordinal);
    }
}
