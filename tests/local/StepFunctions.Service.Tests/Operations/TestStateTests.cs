using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Operations;

/// <summary>TestState as AWS serves it since late 2025, through the AWS SDK for JavaScript v3 (host prefix off):
/// every state type, every status, mock validation modes, retries at each count, Map and Parallel with mocks and
/// state configuration, the context object, and the refusals, with the answers AWS recorded as fixtures.</summary>
public sealed class TestStateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string LambdaTask = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}""";

    private static JsonObject Mock(string result, string? mode = null)
    {
        var mock = new JsonObject { ["result"] = result };
        if (mode is not null)
        {
            mock["fieldValidationMode"] = mode;
        }
        return mock;
    }

    private static JsonObject MockError(string error, string cause = "it broke") =>
        new() { ["errorOutput"] = new JsonObject { ["error"] = error, ["cause"] = cause } };

    private Task<IReadOnlyList<ClientResult>> TestStates(params JsonObject[] requests) =>
        Sdk.CallAsync(fixture.Endpoint, requests.Select(r => ("TestState", r)));

    private static string Status(ClientResult result) => result.Ok["status"]!.GetValue<string>();

    /// <summary>A member of the answer as JSON: TestState's output and inspection steps are JSON strings.</summary>
    private static JsonNode? Parsed(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 && text[0] is '{' or '['
        ? JsonNode.Parse(text) : node;

    private static void AssertIncludes(JsonNode expected, JsonNode? actual, string where)
    {
        if (expected is JsonObject members && Parsed(actual) is JsonObject actualObject && !(actual is JsonValue))
        {
            foreach (var (name, value) in members)
            {
                AssertIncludes(value!, actualObject[name], $"{where}.{name}");
            }
            return;
        }
        Assert.True(JsonNode.DeepEquals(expected, Parsed(actual)), $"{where}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
    }

    [Fact]
    public async Task Answers_what_AWS_recorded()
    {
        var fixtures = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "teststate-aws-recorded.json")))!["cases"]!.AsArray();
        var results = await TestStates([.. fixtures.Select(c => c!["request"]!.DeepClone().AsObject())]);

        for (var i = 0; i < fixtures.Count; i++)
        {
            var recorded = fixtures[i]!;
            var name = recorded["name"]!.GetValue<string>();
            if (recorded["error"] is { } error)
            {
                Assert.True(error["code"]!.GetValue<string>() == results[i].ErrorCode, $"{name}: expected {error["code"]}, got {results[i].ErrorCode}: {results[i].ErrorMessage}");
                Assert.Equal(error["message"]!.GetValue<string>(), results[i].ErrorMessage);
            }
            else
            {
                Assert.True(results[i].Output is not null, $"{name}: {results[i].ErrorCode}: {results[i].ErrorMessage}");
                AssertIncludes(recorded["expect"]!, results[i].Output, name);
            }
        }
    }

    [Fact]
    public async Task Runs_every_state_type()
    {
        var results = await TestStates(
            new() { ["definition"] = """{"Type":"Pass","Result":{"a":1},"ResultPath":"$.r","Next":"N"}""", ["input"] = """{"x":0}""" },
            new() { ["definition"] = """{"Type":"Wait","Seconds":1,"Next":"N"}""", ["input"] = """{"x":0}""" },
            new() { ["definition"] = """{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":0,"Next":"Zero"}],"Default":"Other"}""", ["input"] = """{"x":0}""" },
            new() { ["definition"] = """{"Type":"Succeed"}""", ["input"] = """{"x":0}""" },
            new() { ["definition"] = """{"Type":"Fail","Error":"Bad","Cause":"no"}""" },
            new() { ["definition"] = LambdaTask, ["mock"] = Mock("""{"StatusCode":200,"Payload":{"ok":true}}""") },
            new()
            {
                ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","Parameters":{"Cluster":"c","TaskDefinition":"t"},"End":true}""",
                ["mock"] = Mock("""{"TaskArn":"arn:aws:ecs:us-east-1:111111111111:task/c/1","LastStatus":"STOPPED","Containers":[{"ExitCode":0}]}"""),
            },
            new()
            {
                ["definition"] = """{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"ResultSelector":{"first.$":"$[0]"},"End":true}""",
                ["mock"] = Mock("""[{"a":1},{"b":2}]"""),
            },
            new()
            {
                ["definition"] = """{"Type":"Map","QueryLanguage":"JSONata","Items":"{% $states.input.xs %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"Output":"{% $count($states.result) %}","End":true}""",
                ["input"] = """{"xs":[1,2]}""",
                ["mock"] = Mock("[10, 20]"),
            });

        Assert.Equal(("SUCCEEDED", "N", """{"x":0,"r":{"a":1}}"""), (Status(results[0]), results[0].Ok["nextState"]!.GetValue<string>(), results[0].Ok["output"]!.GetValue<string>()));
        Assert.Equal(("SUCCEEDED", "N"), (Status(results[1]), results[1].Ok["nextState"]!.GetValue<string>()));
        Assert.Equal(("SUCCEEDED", "Zero"), (Status(results[2]), results[2].Ok["nextState"]!.GetValue<string>()));
        Assert.Equal(("SUCCEEDED", null), (Status(results[3]), results[3].Ok["nextState"]));
        Assert.Equal(("FAILED", "Bad", "no"), (Status(results[4]), results[4].Ok["error"]!.GetValue<string>(), results[4].Ok["cause"]!.GetValue<string>()));
        Assert.Equal("""{"StatusCode":200,"Payload":{"ok":true}}""", results[5].Ok["output"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", Status(results[6]));
        Assert.Equal("""{"first":{"a":1}}""", results[7].Ok["output"]!.GetValue<string>());
        Assert.Equal("2", results[8].Ok["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validates_a_mocked_result_as_each_field_validation_mode_says()
    {
        const string StartExecution = """{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:111111111111:stateMachine:c"},"End":true}""";
        var results = await TestStates(
            new() { ["definition"] = StartExecution, ["mock"] = Mock("""{"StartDate":"2025-01-01T00:00:00Z"}""", "STRICT") },
            new() { ["definition"] = StartExecution, ["mock"] = Mock("""{"StartDate":"2025-01-01T00:00:00Z"}""", "PRESENT") },
            new() { ["definition"] = StartExecution, ["mock"] = Mock("""{"StartDate":1}""", "PRESENT") },
            new() { ["definition"] = StartExecution, ["mock"] = Mock("""{"StartDate":1}""", "NONE") },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"t","Message":"m"},"End":true}""", ["mock"] = Mock("""{"MessageId":7}""") },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ecs:describeTasks","Parameters":{"Tasks":["t"]},"End":true}""", ["mock"] = Mock("""{"Tasks":[{"Containers":[{"ExitCode":"0"}]}]}""") },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","End":true}""", ["mock"] = Mock("""{"StatusCode":"any output of the function"}""") });

        Assert.Equal("Mock result schema validation error: Required field 'ExecutionArn' is missing", results[0].ErrorMessage);
        Assert.Equal("SUCCEEDED", Status(results[1]));
        Assert.Equal(("ValidationException", "Mock result schema validation error: Field 'StartDate' must be a string"), (results[2].ErrorCode, results[2].ErrorMessage));
        Assert.Equal("SUCCEEDED", Status(results[3]));
        Assert.Equal("Mock result schema validation error: Field 'MessageId' must be a string", results[4].ErrorMessage);
        Assert.Equal("Mock result schema validation error: Field 'ExitCode' must be a number", results[5].ErrorMessage);
        Assert.Equal("SUCCEEDED", Status(results[6]));
    }

    [Fact]
    public async Task Retries_at_each_count_until_the_retrier_is_exhausted_then_catches_or_fails()
    {
        const string Retry = """ "Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}]""";
        var caught = $$"""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},{{Retry}},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true}""";
        var uncaught = $$"""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},{{Retry}},"End":true}""";
        JsonObject At(string definition, int count) => new()
        {
            ["definition"] = definition, ["mock"] = MockError("Boom"), ["inspectionLevel"] = "DEBUG",
            ["stateConfiguration"] = new JsonObject { ["retrierRetryCount"] = count },
        };
        var results = await TestStates(At(caught, 0), At(caught, 1), At(caught, 2), At(caught, 3), At(uncaught, 3));

        foreach (var (count, backoff) in new[] { (0, 2), (1, 6), (2, 18) })
        {
            var result = results[count].Ok;
            Assert.Equal("RETRIABLE", Status(results[count]));
            Assert.Null(result["nextState"]);
            Assert.Equal(backoff, result["inspectionData"]!["errorDetails"]!["retryBackoffIntervalSeconds"]!.GetValue<double>());
            Assert.Equal(1, result["inspectionData"]!["errorDetails"]!["retryIndex"]!.GetValue<int>());
        }
        Assert.Equal(("CAUGHT_ERROR", "Recover", 0), (Status(results[3]), results[3].Ok["nextState"]!.GetValue<string>(),
            results[3].Ok["inspectionData"]!["errorDetails"]!["catchIndex"]!.GetValue<int>()));
        Assert.Equal(("FAILED", "Boom", "it broke"), (Status(results[4]), results[4].Ok["error"]!.GetValue<string>(), results[4].Ok["cause"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Map_and_Parallel_take_a_mocked_error_from_a_named_state_of_their_own()
    {
        const string Parallel = """{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Catch":[{"ErrorEquals":["MockException"],"ResultPath":"$.error","Next":"Handle"}],"End":true}""";
        const string Map = """{"Type":"Map","ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}},"End":true}""";
        JsonObject With(string definition, string causedBy) => new()
        {
            ["definition"] = definition, ["input"] = """{"v":1}""", ["mock"] = MockError("MockException", "from a branch"),
            ["stateConfiguration"] = new JsonObject { ["errorCausedByState"] = causedBy },
        };
        var results = await TestStates(With(Parallel, "B"), With(Map, "Item"), With(Map, "Nowhere"),
            new() { ["definition"] = Map, ["mock"] = Mock("[]"), ["stateConfiguration"] = new JsonObject { ["errorCausedByState"] = "Item" } });

        Assert.Equal(("CAUGHT_ERROR", "Handle"), (Status(results[0]), results[0].Ok["nextState"]!.GetValue<string>()));
        Assert.Equal("""{"v":1,"error":{"Error":"MockException","Cause":"from a branch"}}""", results[0].Ok["output"]!.GetValue<string>());
        Assert.Equal(("FAILED", "MockException"), (Status(results[1]), results[1].Ok["error"]!.GetValue<string>()));
        Assert.Equal(("ValidationException", "stateConfiguration.errorCausedByState 'Nowhere' is not a state of the Map state's ItemProcessor."), (results[2].ErrorCode, results[2].ErrorMessage));
        Assert.Equal("ValidationException", results[3].ErrorCode);
    }

    [Fact]
    public async Task The_state_sees_the_given_context_as_dollar_dollar_and_states_context()
    {
        var context = """{"Execution":{"Name":"run-1"},"State":{"RetryCount":2}}""";
        var results = await TestStates(
            new()
            {
                ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload":{"name.$":"$$.Execution.Name","retries.$":"$$.State.RetryCount","state.$":"$$.State.Name"}},"End":true}""",
                ["context"] = context, ["mock"] = Mock("{}"), ["inspectionLevel"] = "DEBUG",
            },
            new()
            {
                ["definition"] = """{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f","Payload":"{% $states.context.Execution.Name %}"},"Output":"{% $states.context.Execution.Name & '/' & $states.result.ok %}","End":true}""",
                ["context"] = context, ["mock"] = Mock("""{"ok":"yes"}"""), ["inspectionLevel"] = "DEBUG",
            },
            new() { ["definition"] = """{"Type":"Pass","End":true}""", ["context"] = context });

        Assert.Equal("""{"FunctionName":"f","Payload":{"name":"run-1","retries":2,"state":"TestState"}}""", results[0].Ok["inspectionData"]!["afterParameters"]!.GetValue<string>());
        Assert.Equal("\"run-1/yes\"", results[1].Ok["output"]!.GetValue<string>());
        Assert.Equal("""{"FunctionName":"f","Payload":"run-1"}""", results[1].Ok["inspectionData"]!["afterArguments"]!.GetValue<string>());
        Assert.Equal("ValidationException", results[2].ErrorCode);
    }

    [Fact]
    public async Task Refuses_what_does_not_apply_and_what_needs_a_mock()
    {
        var results = await TestStates(
            new() { ["definition"] = LambdaTask, ["mock"] = Mock("{}"), ["stateConfiguration"] = new JsonObject { ["mapIterationFailureCount"] = 1 } },
            new() { ["definition"] = LambdaTask, ["mock"] = Mock("{}"), ["stateConfiguration"] = new JsonObject { ["retrierRetryCount"] = 1 } },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"f"},"End":true}""" },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:us-east-1:111111111111:activity:work","End":true}""" },
            new() { ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:us-east-1:111111111111:activity:work","End":true}""", ["mock"] = Mock("""{"done":true}""") },
            new() { ["definition"] = LambdaTask, ["mock"] = Mock("{}", "LOOSE") });

        Assert.Equal(("ValidationException", "stateConfiguration.mapIterationFailureCount applies to Map states, not to a Task state."), (results[0].ErrorCode, results[0].ErrorMessage));
        Assert.Equal("ValidationException", results[1].ErrorCode);
        Assert.Equal("InvalidDefinition", results[2].ErrorCode);
        Assert.Equal("InvalidDefinition", results[3].ErrorCode);
        Assert.Equal("""{"done":true}""", results[4].Ok["output"]!.GetValue<string>());
        Assert.Equal("ValidationException", results[5].ErrorCode);
    }
}
