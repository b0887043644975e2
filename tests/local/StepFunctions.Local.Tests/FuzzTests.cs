using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;

namespace StepFunctions.Local.Tests;

/// <summary>Random definitions and inputs: loading and running may fail, but only through diagnostics or an
/// execution status, never through an unhandled exception.</summary>
public class FuzzTests
{
    private static readonly string[] Paths = ["$", "$.a", "$.b", "$.a.b", "$.list[0]", "$.list[*]", "$.missing", "$$.Execution.Input", "$$.State.Name", "$['a']", "$.a[1:]", "bad", "$.", "$.list[-1]"];
    private static readonly string[] Expressions =
    [
        "States.Format('{}-{}', $.a, $.b)", "States.StringToJson($.s)", "States.JsonToString($)", "States.Array($.a, 1, 'x')",
        "States.ArrayPartition($.list, 2)", "States.ArrayContains($.list, 1)", "States.ArrayRange(1, $.n, 1)", "States.ArrayGetItem($.list, $.n)",
        "States.ArrayLength($.list)", "States.ArrayUnique($.list)", "States.Base64Encode($.s)", "States.Base64Decode($.s)",
        "States.Hash($.s, 'SHA-256')", "States.JsonMerge($, $.a, false)", "States.MathRandom(1, $.n)", "States.MathAdd($.n, 1)",
        "States.StringSplit($.s, ',')", "States.UUID()", "States.Format(", "States.Nope()",
    ];
    private static readonly string[] Types = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Bogus"];
    private static readonly string[] Errors = ["States.ALL", "States.TaskFailed", "Boom", "States.Timeout", "Custom"];

    [Fact]
    public async Task Twelve_hundred_random_definitions_never_throw()
    {
        var random = new Random(20240601);
        var statuses = new Dictionary<string, int>();
        for (var i = 0; i < 1200; i++)
        {
            var definition = Graph(random, depth: 0);
            var input = RandomInput(random);
            var text = Json.Serialize(definition);
            var parsed = LocalStateMachine.Validate(text);
            var key = "INVALID";
            if (parsed.IsValid)
            {
                var machine = LocalStateMachine.Create(text);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var result = await machine.ExecuteAsync(input, new ExecutionOptions { Resolver = RandomResolver(random.Next()), TimeScale = 0 }, cts.Token);
                key = result.StatusText;
                Assert.NotEmpty(result.History);
            }
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
        }
        // The generator must exercise both valid runs and invalid definitions to mean anything.
        Assert.True(statuses.GetValueOrDefault("SUCCEEDED") > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault("FAILED") > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault("INVALID") > 50, string.Join(", ", statuses));
    }

    /// <summary>Random strings built from JSON and path punctuation, so they reach deep into the parsers.</summary>
    private static IEnumerable<string> RandomTexts(int seed, int count)
    {
        const string alphabet = "{}[]\":,.$'*()0123456789abStates.FormatArrayTypePassNextEnd -\\";
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }
            yield return new string(chars);
        }
    }

    [Fact]
    public void Arbitrary_text_never_crashes_the_definition_parser()
    {
        foreach (var text in RandomTexts(1, 2000))
        {
            Assert.NotNull(LocalStateMachine.Validate(text));
            Assert.NotNull(LocalStateMachine.Validate(Sfn.Fill("""{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":{path},"End":true}}}""", ("path", System.Text.Json.JsonSerializer.Serialize(text)))));
        }
    }

    [Fact]
    public void Arbitrary_text_never_crashes_the_path_parser()
    {
        foreach (var text in RandomTexts(2, 2000))
        {
            _ = JsonPath.TryParse("$" + text, out _, out _);
        }
    }

    [Fact]
    public void Arbitrary_text_never_crashes_the_intrinsic_parser()
    {
        foreach (var text in RandomTexts(3, 2000))
        {
            try
            {
                ValueExpression.Parse("States.Format(" + text);
            }
            catch (PathSyntaxException)
            {
                // The only acceptable failure: a syntax error with a message.
            }
        }
    }

    private static IResourceResolver RandomResolver(int seed)
    {
        var random = new Random(seed);
        return new DelegateResolver((input, _, _) =>
        {
            int roll;
            lock (random)
            {
                roll = random.Next(4);
            }
            return roll switch
            {
                0 => throw new StatesException("Boom", "random failure"),
                1 => ValueTask.FromResult<JsonNode?>(new JsonObject { ["Payload"] = input?.DeepClone(), ["a"] = 1 }),
                2 => ValueTask.FromResult<JsonNode?>(JsonValue.Create("text")),
                _ => ValueTask.FromResult(input?.DeepClone()),
            };
        });
    }

    private sealed class DelegateResolver(TaskHandler handler) : IResourceResolver
    {
        public ITaskIntegration? Resolve(TaskResolveRequest request) =>
            new DelegateIntegration((invocation, ct) => handler(invocation.Input, invocation, ct));
    }

    private static JsonNode? RandomInput(Random random) => random.Next(6) switch
    {
        0 => JsonValue.Create(random.Next(-5, 5)),
        1 => new JsonArray(1, 2, 2, "x"),
        _ => new JsonObject
        {
            ["a"] = random.Next(3) == 0 ? new JsonObject { ["b"] = random.Next(5) } : JsonValue.Create(random.Next(5)),
            ["b"] = random.Next(2) == 0 ? "x" : null,
            ["list"] = new JsonArray(1, 2, random.Next(4)),
            ["s"] = random.Next(2) == 0 ? "{\"k\":1}" : "a,b",
            ["n"] = random.Next(-1, 6),
        },
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static JsonObject Graph(Random random, int depth)
    {
        var count = random.Next(1, depth == 0 ? 6 : 3);
        var states = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            states[$"S{i}"] = State(random, i, count, depth);
        }
        return new JsonObject { ["StartAt"] = random.Next(30) == 0 ? "Nowhere" : "S0", ["States"] = states };
    }

    private static JsonObject State(Random random, int index, int count, int depth)
    {
        var type = Pick(random, Types);
        if (depth >= 2 && type is "Parallel" or "Map")
        {
            type = "Pass";
        }
        var state = new JsonObject { ["Type"] = type };
        // Transitions only go forward, so random machines always terminate.
        var next = index + 1 < count && random.Next(4) != 0 ? $"S{random.Next(index + 1, count)}" : null;
        if (type is not ("Choice" or "Succeed" or "Fail"))
        {
            if (next is null)
            {
                state["End"] = true;
            }
            else
            {
                state["Next"] = next;
            }
        }
        if (random.Next(4) == 0 && type != "Fail")
        {
            state["InputPath"] = random.Next(5) == 0 ? null : Pick(random, Paths);
        }
        if (random.Next(4) == 0 && type != "Fail")
        {
            state["OutputPath"] = Pick(random, Paths);
        }
        switch (type)
        {
            case "Pass":
                AddPayload(random, state, "Parameters");
                if (random.Next(3) == 0)
                {
                    state["Result"] = new JsonObject { ["r"] = random.Next(9) };
                }
                AddResultPath(random, state);
                break;
            case "Task":
                state["Resource"] = random.Next(15) == 0 ? "not-an-arn" : "arn:aws:states:::fuzz:run";
                AddPayload(random, state, "Parameters");
                AddPayload(random, state, "ResultSelector");
                AddResultPath(random, state);
                AddErrorHandling(random, state, index, count);
                if (random.Next(6) == 0)
                {
                    state["TimeoutSeconds"] = random.Next(0, 3);
                }
                break;
            case "Choice":
                var rules = new JsonArray();
                for (var r = 0; r < random.Next(1, 3); r++)
                {
                    rules.Add(Rule(random, next ?? $"S{count - 1}", nested: false));
                }
                state["Choices"] = rules;
                if (random.Next(2) == 0)
                {
                    state["Default"] = next ?? $"S{count - 1}";
                }
                break;
            case "Wait":
                state[Pick(random, new[] { "Seconds", "SecondsPath", "Timestamp", "TimestampPath" })] = random.Next(4) switch
                {
                    0 => random.Next(-1, 3),
                    1 => "$.n",
                    2 => "2020-01-01T00:00:00Z",
                    _ => "$.s",
                };
                break;
            case "Fail":
                if (random.Next(2) == 0)
                {
                    state["ErrorPath"] = Pick(random, Paths);
                }
                else
                {
                    state["Error"] = "Fuzz";
                }
                break;
            case "Parallel":
                var branches = new JsonArray();
                for (var b = 0; b < random.Next(0, 3); b++)
                {
                    branches.Add(Graph(random, depth + 1));
                }
                state["Branches"] = branches;
                AddErrorHandling(random, state, index, count);
                AddResultPath(random, state);
                break;
            case "Map":
                state[random.Next(10) == 0 ? "Iterator" : "ItemProcessor"] = Graph(random, depth + 1);
                if (random.Next(2) == 0)
                {
                    state["ItemsPath"] = Pick(random, Paths);
                }
                if (random.Next(3) == 0)
                {
                    state["ItemSelector"] = new JsonObject { ["v.$"] = "$$.Map.Item.Value", ["i.$"] = "$$.Map.Item.Index" };
                }
                state["MaxConcurrency"] = random.Next(0, 3);
                if (random.Next(4) == 0)
                {
                    state["ToleratedFailureCount"] = random.Next(0, 2);
                }
                AddErrorHandling(random, state, index, count);
                break;
        }
        return state;
    }

    private static JsonObject Rule(Random random, string next, bool nested)
    {
        JsonObject rule;
        switch (random.Next(nested ? 4 : 6))
        {
            case 4:
                rule = new JsonObject { ["Not"] = Rule(random, next, nested: true) };
                break;
            case 5:
                rule = new JsonObject { [random.Next(2) == 0 ? "And" : "Or"] = new JsonArray(Rule(random, next, true), Rule(random, next, true)) };
                break;
            default:
                var ops = new (string Name, JsonNode? Value)[]
                {
                    ("NumericEquals", 1), ("NumericGreaterThanPath", "$.n"), ("StringEquals", "x"), ("StringMatches", "a*"), ("BooleanEquals", true),
                    ("IsPresent", true), ("IsNull", false), ("TimestampLessThan", "2030-01-01T00:00:00Z"), ("IsNumeric", true), ("NumericEquals", "bad"),
                };
                var (name, value) = ops[random.Next(ops.Length)];
                rule = new JsonObject { ["Variable"] = Pick(random, Paths), [name] = value?.DeepClone() };
                break;
        }
        if (!nested)
        {
            rule["Next"] = next;
        }
        return rule;
    }

    private static void AddPayload(Random random, JsonObject state, string field)
    {
        if (random.Next(3) != 0)
        {
            return;
        }
        state[field] = new JsonObject
        {
            ["static"] = 1,
            ["p.$"] = Pick(random, Paths),
            ["f.$"] = Pick(random, Expressions),
            ["nested"] = new JsonArray(new JsonObject { ["x.$"] = Pick(random, Paths) }),
        };
    }

    private static void AddResultPath(Random random, JsonObject state)
    {
        if (random.Next(3) == 0)
        {
            state["ResultPath"] = random.Next(4) switch { 0 => null, 1 => "$.r", 2 => "$.a.b.c", _ => "$.list[0]" };
        }
    }

    private static void AddErrorHandling(Random random, JsonObject state, int index, int count)
    {
        if (random.Next(2) == 0)
        {
            state["Retry"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray(Pick(random, Errors)), ["MaxAttempts"] = random.Next(0, 3), ["IntervalSeconds"] = 1, ["BackoffRate"] = 1.5 });
        }
        if (random.Next(2) == 0 && index + 1 < count)
        {
            state["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray(Pick(random, Errors)), ["Next"] = $"S{random.Next(index + 1, count)}", ["ResultPath"] = "$.error" });
        }
    }
}
