using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>states:startExecution starts a stored child execution (listed and described like any other), as
/// the orchestrator's jobs do; .sync waits for it, and stopping the parent stops the child.</summary>
public sealed class ChildExecutionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Parent(string pattern, string child, string name = "") => """
        {"StartAt":"Child","States":{"Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecutionPATTERN",
          "Parameters":{"StateMachineArn":"CHILD",NAME"Input":{"n.$":"$.n","AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}
        """.Replace("PATTERN", pattern, StringComparison.Ordinal).Replace("CHILD", child, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);

    private const string Echo = """{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"echoed.$":"$.n"},"End":true}}}""";

    private async Task<string> StartAsync(string machine, string input = """{"n":5}""") =>
        (await RawHttp.CallAsync(fixture.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = input }))["executionArn"]!.GetValue<string>();

    private async Task<JsonArray> ExecutionsOf(string machine) =>
        (await RawHttp.CallAsync(fixture.Endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = machine }))["executions"]!.AsArray();

    [Fact]
    public async Task A_sync_child_is_a_stored_execution_and_its_output_is_the_parents_result()
    {
        var child = await fixture.CreateAsync(Echo);
        var parent = await fixture.CreateAsync(Parent(".sync:2", child, "\"Name\":\"child-of-test\","));
        var parentArn = await StartAsync(parent);

        var described = await fixture.WaitForAsync(parentArn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        var output = JsonNode.Parse(described["output"]!.GetValue<string>())!;
        var childArn = output["ExecutionArn"]!.GetValue<string>();
        Assert.EndsWith(":child-of-test", childArn, StringComparison.Ordinal);
        Assert.Equal(5, output["Output"]!["echoed"]!.GetValue<int>());
        var listed = Assert.Single(await ExecutionsOf(child));
        Assert.Equal(childArn, listed!["executionArn"]!.GetValue<string>());
        var childDescribed = await RawHttp.CallAsync(fixture.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = childArn });
        Assert.Equal("SUCCEEDED", childDescribed["status"]!.GetValue<string>());
        Assert.Equal(parentArn, JsonNode.Parse(childDescribed["input"]!.GetValue<string>())!["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_sync_child_fails_the_parents_task_with_its_description_as_cause()
    {
        var child = await fixture.CreateAsync("""{"StartAt":"No","States":{"No":{"Type":"Fail","Error":"Child.Broke","Cause":"on purpose"}}}""");
        var parent = await fixture.CreateAsync(Parent(".sync:2", child));

        var described = await fixture.WaitForAsync(await StartAsync(parent));

        Assert.Equal("FAILED", described["status"]!.GetValue<string>());
        Assert.Equal("States.TaskFailed", described["error"]!.GetValue<string>());
        var cause = JsonNode.Parse(described["cause"]!.GetValue<string>())!;
        Assert.Equal("FAILED", cause["Status"]!.GetValue<string>());
        Assert.Equal("Child.Broke", cause["Error"]!.GetValue<string>());
        Assert.Equal("FAILED", Assert.Single(await ExecutionsOf(child))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_child_started_without_sync_runs_on_its_own()
    {
        var child = await fixture.CreateAsync(Echo);
        var parent = await fixture.CreateAsync(Parent("", child));

        var described = await fixture.WaitForAsync(await StartAsync(parent));

        var childArn = JsonNode.Parse(described["output"]!.GetValue<string>())!["ExecutionArn"]!.GetValue<string>();
        Assert.Equal("SUCCEEDED", (await fixture.WaitForAsync(childArn))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopping_a_parent_that_waits_stops_its_child()
    {
        var child = await fixture.CreateAsync("""{"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":100000,"End":true}}}""");
        var parent = await fixture.CreateAsync(Parent(".sync:2", child));
        var parentArn = await StartAsync(parent);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); (await ExecutionsOf(child)).Count == 0; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, "the child should start");
        }

        await RawHttp.CallAsync(fixture.Endpoint, "StopExecution", new JsonObject { ["executionArn"] = parentArn });

        Assert.Equal("ABORTED", (await fixture.WaitForAsync(parentArn))["status"]!.GetValue<string>());
        var childArn = Assert.Single(await ExecutionsOf(child))!["executionArn"]!.GetValue<string>();
        Assert.Equal("ABORTED", (await fixture.WaitForAsync(childArn))["status"]!.GetValue<string>());
    }
}
