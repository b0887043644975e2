using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The AWS SDK for JavaScript v3, unchanged (but for disableHostPrefix, which TestState needs on a
/// local endpoint): redrive, TestState, express executions, pagination and errors.</summary>
public sealed class SdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Fails while $$.Execution.RedriveCount + offset is negative: with offset -1 the first run fails and
    /// a redrive succeeds; with offset 0 both succeed.</summary>
    private const string FailsUntilRedriven = "States.ArrayGetItem(States.Array('ok', 'ok'), States.MathAdd($$.Execution.RedriveCount, $.offset))";

    private static string Flaky(string definition) => definition.Replace("FLAKY", FailsUntilRedriven, StringComparison.Ordinal);

    private Task<ClientResult> Call(string operation, JsonObject input) => Sdk.CallAsync(fixture.Endpoint, operation, input);

    private async Task<string> StartAndWaitAsync(string machine, string input = "{}")
    {
        var arn = (await Call("StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = input })).Ok["executionArn"]!.GetValue<string>();
        await fixture.WaitForAsync(arn);
        return arn;
    }

    private static List<JsonNode> After(JsonArray history, string type) =>
        [.. history.SkipWhile(e => e!["type"]!.GetValue<string>() != type).Skip(1).Select(e => e!)];

    private static IEnumerable<string> Entered(IEnumerable<JsonNode> events) =>
        events.Where(e => e["stateEnteredEventDetails"] is not null).Select(e => e["stateEnteredEventDetails"]!["name"]!.GetValue<string>());

    [Fact]
    public async Task Redrive_restarts_at_the_failed_state_and_keeps_the_successful_ones()
    {
        var machine = await fixture.CreateAsync(Flaky("""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":-1,"ResultPath":"$.offset","Next":"Flaky"},
              "Flaky":{"Type":"Pass","Parameters":{"v.$":"FLAKY"},"Next":"Done"},
              "Done":{"Type":"Succeed"}}}
            """));
        var arn = await StartAndWaitAsync(machine);
        var failed = (await Call("DescribeExecution", new JsonObject { ["executionArn"] = arn })).Ok;
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal("REDRIVABLE", failed["redriveStatus"]!.GetValue<string>());

        var redriven = (await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn })).Ok;
        Assert.NotNull(redriven["redriveDate"]);
        var described = await fixture.WaitForAsync(arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal(1, described["redriveCount"]!.GetValue<int>());
        Assert.Equal("""{"v":"ok"}""", described["output"]!.GetValue<string>());
        var history = await fixture.HistoryAsync(arn);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e!["id"]!.GetValue<int>()));
        Assert.Equal(["Prepare", "Flaky"], Entered(history.Select(e => e!)).Take(2));
        Assert.Equal(["Flaky", "Done"], Entered(After(history, "ExecutionRedriven")));
        Assert.Equal(1, history.Single(e => e!["type"]!.GetValue<string>() == "ExecutionRedriven")!["executionRedrivenEventDetails"]!["redriveCount"]!.GetValue<int>());

        var again = await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("ExecutionNotRedrivable", again.ErrorCode);
        Assert.Equal(400, again.Status);
        var listed = (await Call("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["redriveFilter"] = "REDRIVEN" })).Ok;
        Assert.Equal(arn, listed["executions"]![0]!["executionArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Redrive_of_a_map_reruns_only_the_iterations_that_did_not_succeed()
    {
        var machine = await fixture.CreateAsync(Flaky("""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
                "Work":{"Type":"Pass","Parameters":{"v.$":"FLAKY","i.$":"$.i"},"End":true}}},
              "End":true}}}
            """));
        var arn = await StartAndWaitAsync(machine, """{"items":[{"i":0,"offset":0},{"i":1,"offset":-1},{"i":2,"offset":0}]}""");
        var firstRun = await fixture.HistoryAsync(arn);
        var succeededFirst = firstRun.Where(e => e!["type"]!.GetValue<string>() == "MapIterationSucceeded")
            .Select(e => e!["mapIterationSucceededEventDetails"]!["index"]!.GetValue<int>()).ToHashSet();
        Assert.Contains(0, succeededFirst);
        Assert.DoesNotContain(1, succeededFirst);

        (await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn })).Ok.ToString();
        var described = await fixture.WaitForAsync(arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""[{"v":"ok","i":0},{"v":"ok","i":1},{"v":"ok","i":2}]""", described["output"]!.GetValue<string>());
        var rerun = After(await fixture.HistoryAsync(arn), "ExecutionRedriven")
            .Where(e => e["type"]!.GetValue<string>() == "MapIterationStarted")
            .Select(e => e["mapIterationStartedEventDetails"]!["index"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(0, 3).Where(i => !succeededFirst.Contains(i)), rerun.Order());
    }

    [Fact]
    public async Task Redrive_of_a_parallel_reruns_only_the_failed_branch()
    {
        var machine = await fixture.CreateAsync(Flaky("""
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Steady","States":{"Steady":{"Type":"Pass","Result":"steady","End":true}}},
              {"StartAt":"Wobbly","States":{"Wobbly":{"Type":"Pass","Parameters":{"v.$":"FLAKY"},"End":true}}}]}}}
            """));
        var arn = await StartAndWaitAsync(machine, """{"offset":-1}""");
        var firstRun = await fixture.HistoryAsync(arn);
        var steadyDone = firstRun.Any(e => e!["type"]!.GetValue<string>() == "PassStateExited" && e["stateExitedEventDetails"]!["name"]!.GetValue<string>() == "Steady");

        (await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn })).Ok.ToString();
        var described = await fixture.WaitForAsync(arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""["steady",{"v":"ok"}]""", described["output"]!.GetValue<string>());
        var rerun = Entered(After(await fixture.HistoryAsync(arn), "ExecutionRedriven")).ToList();
        Assert.Contains("Wobbly", rerun);
        Assert.Equal(!steadyDone, rerun.Contains("Steady"));
    }

    [Fact]
    public async Task A_succeeded_execution_is_not_redrivable_and_an_unknown_one_does_not_exist()
    {
        var machine = await fixture.CreateAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var arn = await StartAndWaitAsync(machine);

        var redrive = await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("ExecutionNotRedrivable", redrive.ErrorCode);
        Assert.Contains("SUCCEEDED", redrive.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("ExecutionDoesNotExist", (await Call("RedriveExecution", new JsonObject { ["executionArn"] = arn + "x" })).ErrorCode);
        Assert.Equal("ExecutionDoesNotExist", (await Call("GetExecutionHistory", new JsonObject { ["executionArn"] = arn + "x" })).ErrorCode);
        Assert.Equal("InvalidArn", (await Call("DescribeExecution", new JsonObject { ["executionArn"] = "arn:aws:states:us-east-1:123456789012:stateMachine:x" })).ErrorCode);
    }

    [Fact]
    public async Task TestState_runs_a_task_with_a_mocked_result_and_shows_each_processing_step()
    {
        var tested = (await Call("TestState", new JsonObject
        {
            ["definition"] = """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.payload",
                 "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"n.$":"$.Payload.n"},
                 "ResultPath":"$.out","Next":"After"}
                """,
            ["roleArn"] = ServerFixture.Role,
            ["input"] = """{"payload":{"n":1}}""",
            ["inspectionLevel"] = "DEBUG",
            ["mock"] = new JsonObject { ["result"] = """{"Payload":{"n":2}}""" },
        })).Ok;

        Assert.Equal("SUCCEEDED", tested["status"]!.GetValue<string>());
        Assert.Equal("After", tested["nextState"]!.GetValue<string>());
        Assert.Equal("""{"payload":{"n":1},"out":{"n":2}}""", tested["output"]!.GetValue<string>());
        var data = tested["inspectionData"]!;
        Assert.Equal("""{"payload":{"n":1}}""", data["input"]!.GetValue<string>());
        Assert.Equal("""{"n":1}""", data["afterInputPath"]!.GetValue<string>());
        Assert.Equal("""{"FunctionName":"f","Payload":{"n":1}}""", data["afterParameters"]!.GetValue<string>());
        Assert.Equal("""{"Payload":{"n":2}}""", data["result"]!.GetValue<string>());
        Assert.Equal("""{"n":2}""", data["afterResultSelector"]!.GetValue<string>());
        Assert.Equal("""{"payload":{"n":1},"out":{"n":2}}""", data["afterResultPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task TestState_reports_caught_retriable_and_failed_errors_and_info_has_no_inspection_data()
    {
        const string Task = """"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},{0}"End":true}"""";
        static string Fill(string fields) => Task.Replace("{0}", fields, StringComparison.Ordinal);
        var mockError = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "Boom", ["cause"] = "it broke" } };
        var results = await Sdk.CallAsync(fixture.Endpoint, [
            ("TestState", new JsonObject { ["definition"] = Fill("\"Catch\":[{\"ErrorEquals\":[\"Boom\"],\"Next\":\"Recover\"}],"), ["mock"] = mockError.DeepClone() }),
            ("TestState", new JsonObject { ["definition"] = Fill("\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]}],"), ["mock"] = mockError.DeepClone() }),
            ("TestState", new JsonObject { ["definition"] = Fill(""), ["mock"] = mockError.DeepClone() }),
            ("TestState", new JsonObject { ["definition"] = """{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}""", ["input"] = """{"n":5}""" }),
            ("TestState", new JsonObject { ["definition"] = """{"Type":"Pass","Next":"Missing","Bogus":1}""" }),
        ]);

        Assert.Equal(("CAUGHT_ERROR", "Recover", "Boom"), (results[0].Ok["status"]!.GetValue<string>(), results[0].Ok["nextState"]!.GetValue<string>(), results[0].Ok["error"]!.GetValue<string>()));
        Assert.Equal(("RETRIABLE", "it broke"), (results[1].Ok["status"]!.GetValue<string>(), results[1].Ok["cause"]!.GetValue<string>()));
        Assert.Equal("FAILED", results[2].Ok["status"]!.GetValue<string>());
        Assert.Null(results[2].Ok["inspectionData"]);
        Assert.Equal(("SUCCEEDED", "Big"), (results[3].Ok["status"]!.GetValue<string>(), results[3].Ok["nextState"]!.GetValue<string>()));
        Assert.Equal("InvalidDefinition", results[4].ErrorCode);
    }

    [Fact]
    public async Task TestState_takes_variables_and_shows_them_after_the_states_Assign()
    {
        var results = await Sdk.CallAsync(fixture.Endpoint, [
            ("TestState", new JsonObject
            {
                ["definition"] = """{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $x + $states.input.n %}","Assign":{"y":"{% $x * 2 %}"},"End":true}""",
                ["input"] = """{"n":2}""",
                ["variables"] = """{"x":40}""",
                ["inspectionLevel"] = "DEBUG",
            }),
            ("TestState", new JsonObject { ["definition"] = """{"Type":"Pass","End":true}""", ["variables"] = "[1]" }),
        ]);

        Assert.Equal(("SUCCEEDED", "42"), (results[0].Ok["status"]!.GetValue<string>(), results[0].Ok["output"]!.GetValue<string>()));
        Assert.Equal("""{"x":40,"y":80}""", results[0].Ok["inspectionData"]!["variables"]!.GetValue<string>());
        Assert.Equal("ValidationException", results[1].ErrorCode);
    }

    [Fact]
    public async Task StartSyncExecution_runs_an_express_machine_and_refuses_a_standard_one()
    {
        var express = await fixture.CreateAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, $.b)"},"End":true}}}""", "EXPRESS");
        var standard = await fixture.CreateAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        var results = await Sdk.CallAsync(fixture.Endpoint, [
            ("StartSyncExecution", new JsonObject { ["stateMachineArn"] = express, ["input"] = """{"a":2,"b":3}""" }),
            ("StartSyncExecution", new JsonObject { ["stateMachineArn"] = standard }),
            ("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = express }),
        ]);

        Assert.Equal("SUCCEEDED", results[0].Ok["status"]!.GetValue<string>());
        Assert.Equal("""{"sum":5}""", results[0].Ok["output"]!.GetValue<string>());
        Assert.Contains(":express:", results[0].Ok["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("StateMachineTypeNotSupported", results[1].ErrorCode);
        Assert.Equal("EXPRESS", results[2].Ok["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListExecutions_and_GetExecutionHistory_page_with_tokens()
    {
        var machine = await fixture.CreateAsync("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}""");
        var arns = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            arns.Add(await StartAndWaitAsync(machine, $$"""{"i":{{i}}}"""));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = (await Call("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["maxResults"] = 2, ["nextToken"] = token })).Ok;
            Assert.True(page["executions"]!.AsArray().Count <= 2);
            seen.AddRange(page["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        Assert.Equal(Enumerable.Reverse(arns), seen);

        var results = await Sdk.CallAsync(fixture.Endpoint, [
            ("GetExecutionHistory", new JsonObject { ["executionArn"] = arns[0], ["maxResults"] = 4 }),
            ("GetExecutionHistory", new JsonObject { ["executionArn"] = arns[0], ["reverseOrder"] = true, ["includeExecutionData"] = false }),
        ]);
        var first = results[0].Ok;
        Assert.Equal([1, 2, 3, 4], first["events"]!.AsArray().Select(e => e!["id"]!.GetValue<int>()));
        var rest = (await Call("GetExecutionHistory", new JsonObject { ["executionArn"] = arns[0], ["nextToken"] = first["nextToken"]!.GetValue<string>() })).Ok;
        Assert.Equal([5, 6], rest["events"]!.AsArray().Select(e => e!["id"]!.GetValue<int>()));
        var reversed = results[1].Ok["events"]!.AsArray();
        Assert.Equal("ExecutionSucceeded", reversed[0]!["type"]!.GetValue<string>());
        Assert.Null(reversed[0]!["executionSucceededEventDetails"]?["output"]);
        Assert.Null(reversed[^1]!["executionStartedEventDetails"]?["input"]);
    }
}
