using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The AWS CLI, unchanged, against the server: the operations it knows and their errors.</summary>
public sealed class CliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string PassDefinition = """{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":{"greeting":"hi"},"ResultPath":"$.said","End":true}}}""";
    private const string WaitDefinition = """{"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":100000,"End":true}}}""";

    private Task<ClientResult> Aws(params string[] arguments) => AwsCli.RunAsync(fixture.Endpoint, arguments);

    [Fact]
    public async Task List_state_machines_shows_the_deployed_workflows()
    {
        var listed = (await Aws("list-state-machines")).Ok;

        var arns = listed["stateMachines"]!.AsArray().Select(m => m!["stateMachineArn"]!.GetValue<string>()).ToList();
        Assert.Contains(ServerFixture.NumberProcessor, arns);
        Assert.Contains(ServerFixture.ContainerTask, arns);
    }

    [Fact]
    public async Task A_deployed_workflow_is_described_with_its_rendered_definition()
    {
        var described = (await Aws("describe-state-machine", "--state-machine-arn", ServerFixture.NumberProcessor)).Ok;

        Assert.Equal("ACTIVE", described["status"]!.GetValue<string>());
        Assert.Equal("STANDARD", described["type"]!.GetValue<string>());
        var definition = described["definition"]!.GetValue<string>();
        Assert.Contains("arn:aws:lambda:us-east-1:123456789012:function:serverless-workflows-number-generator", definition, StringComparison.Ordinal);
        Assert.DoesNotContain("${", definition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_describe_update_and_delete_a_state_machine()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..10];
        var created = (await Aws("create-state-machine", "--name", name, "--definition", PassDefinition, "--role-arn", ServerFixture.Role)).Ok;
        var arn = created["stateMachineArn"]!.GetValue<string>();
        Assert.Equal($"arn:aws:states:us-east-1:123456789012:stateMachine:{name}", arn);

        var updated = (await Aws("update-state-machine", "--state-machine-arn", arn, "--definition", WaitDefinition)).Ok;
        Assert.NotNull(updated["updateDate"]);
        Assert.Equal(WaitDefinition, (await Aws("describe-state-machine", "--state-machine-arn", arn)).Ok["definition"]!.GetValue<string>());

        (await Aws("delete-state-machine", "--state-machine-arn", arn)).Ok.ToString();
        var gone = await Aws("describe-state-machine", "--state-machine-arn", arn);
        Assert.Equal("StateMachineDoesNotExist", gone.ErrorCode);
        Assert.Contains(arn, gone.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_rejects_an_invalid_definition_and_an_invalid_name()
    {
        var invalid = await Aws("create-state-machine", "--name", "bad-def", "--definition", """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""", "--role-arn", ServerFixture.Role);
        Assert.Equal("InvalidDefinition", invalid.ErrorCode);
        Assert.Contains("Nowhere", invalid.ErrorMessage, StringComparison.Ordinal);

        var badName = await Aws("create-state-machine", "--name", "has space", "--definition", PassDefinition, "--role-arn", ServerFixture.Role);
        Assert.Equal("InvalidName", badName.ErrorCode);
    }

    [Fact]
    public async Task Start_describe_and_read_the_history_of_a_mocked_number_processor_run()
    {
        var started = (await Aws("start-execution", "--state-machine-arn", ServerFixture.NumberProcessor + "#HappyEven", "--input", """{"min":1,"max":10}""")).Ok;
        var arn = started["executionArn"]!.GetValue<string>();
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:serverless-workflows-number-processor:", arn, StringComparison.Ordinal);

        await fixture.WaitForAsync(arn);
        var described = (await Aws("describe-execution", "--execution-arn", arn)).Ok;
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"number":4,"parity":"even"}""", described["output"]!.GetValue<string>());
        Assert.Equal("""{"min":1,"max":10}""", described["input"]!.GetValue<string>());

        var history = (await Aws("get-execution-history", "--execution-arn", arn)).Ok["events"]!.AsArray();
        var entered = history.Where(e => e!["stateEnteredEventDetails"] is not null).Select(e => e!["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal(["NumberGenerator", "IsEven", "Even"], entered);
        Assert.Equal("ExecutionSucceeded", history[^1]!["type"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e!["id"]!.GetValue<int>()));

        var reversed = (await Aws("get-execution-history", "--execution-arn", arn, "--reverse-order", "--max-items", "1")).Ok;
        Assert.Equal("ExecutionSucceeded", reversed["events"]![0]!["type"]!.GetValue<string>());

        var forMachine = (await Aws("describe-state-machine-for-execution", "--execution-arn", arn)).Ok;
        Assert.Equal(ServerFixture.NumberProcessor, forMachine["stateMachineArn"]!.GetValue<string>());
        Assert.Contains("NumberGenerator", forMachine["definition"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_number_processor_runs_on_the_packaged_bootstraps()
    {
        var arn = (await Aws("start-execution", "--state-machine-arn", ServerFixture.NumberProcessor, "--input", """{"min":7,"max":7}""")).Ok["executionArn"]!.GetValue<string>();

        var described = await fixture.WaitForAsync(arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"number":7,"parity":"odd"}""", described["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_task_fails_the_execution_with_its_error()
    {
        var arn = (await Aws("start-execution", "--state-machine-arn", ServerFixture.NumberProcessor + "#GeneratorFails")).Ok["executionArn"]!.GetValue<string>();

        var described = await fixture.WaitForAsync(arn);

        Assert.Equal("FAILED", described["status"]!.GetValue<string>());
        Assert.Equal("NumberProcessingFailed", described["error"]!.GetValue<string>());
        Assert.Equal("REDRIVABLE", described["redriveStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_errors_name_the_problem()
    {
        var machine = await fixture.CreateAsync(PassDefinition);
        var name = "once-" + Guid.NewGuid().ToString("N")[..8];
        (await Aws("start-execution", "--state-machine-arn", machine, "--name", name)).Ok.ToString();
        await fixture.WaitForAsync($"arn:aws:states:us-east-1:123456789012:execution:{machine.Split(':')[^1]}:{name}");

        Assert.Equal("ExecutionAlreadyExists", (await Aws("start-execution", "--state-machine-arn", machine, "--name", name)).ErrorCode);
        Assert.Equal("InvalidExecutionInput", (await Aws("start-execution", "--state-machine-arn", machine, "--input", "{not json")).ErrorCode);
        Assert.Equal("InvalidName", (await Aws("start-execution", "--state-machine-arn", machine, "--name", "a/b")).ErrorCode);
        Assert.Equal("StateMachineDoesNotExist", (await Aws("start-execution", "--state-machine-arn", machine + "x")).ErrorCode);
        Assert.Equal("InvalidArn", (await Aws("start-execution", "--state-machine-arn", "not-an-arn")).ErrorCode);
        Assert.Equal("InvalidArn", (await Aws("start-execution", "--state-machine-arn", machine + "#NoSuchTestCase")).ErrorCode);
        Assert.Equal("ExecutionDoesNotExist", (await Aws("describe-execution", "--execution-arn", $"arn:aws:states:us-east-1:123456789012:execution:x:{name}")).ErrorCode);
    }

    [Fact]
    public async Task Stop_aborts_a_running_execution_and_list_filters_by_status()
    {
        var machine = await fixture.CreateAsync(WaitDefinition);
        var arn = (await Aws("start-execution", "--state-machine-arn", machine)).Ok["executionArn"]!.GetValue<string>();
        Assert.Equal("RUNNING", (await Aws("describe-execution", "--execution-arn", arn)).Ok["status"]!.GetValue<string>());
        Assert.Single((await Aws("list-executions", "--state-machine-arn", machine, "--status-filter", "RUNNING")).Ok["executions"]!.AsArray());

        var stopped = (await Aws("stop-execution", "--execution-arn", arn, "--error", "Operator", "--cause", "stopped from the CLI")).Ok;
        Assert.NotNull(stopped["stopDate"]);

        var described = (await Aws("describe-execution", "--execution-arn", arn)).Ok;
        Assert.Equal("ABORTED", described["status"]!.GetValue<string>());
        Assert.Equal("Operator", described["error"]!.GetValue<string>());
        Assert.Empty((await Aws("list-executions", "--state-machine-arn", machine, "--status-filter", "RUNNING")).Ok["executions"]!.AsArray());
        Assert.Single((await Aws("list-executions", "--state-machine-arn", machine, "--status-filter", "ABORTED")).Ok["executions"]!.AsArray());
        var history = (await Aws("get-execution-history", "--execution-arn", arn)).Ok["events"]!.AsArray();
        Assert.Equal("ExecutionAborted", history[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_reports_ok_or_the_diagnostics()
    {
        Assert.Equal("OK", (await Aws("validate-state-machine-definition", "--definition", PassDefinition)).Ok["result"]!.GetValue<string>());

        var failed = (await Aws("validate-state-machine-definition", "--definition", """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""")).Ok;
        Assert.Equal("FAIL", failed["result"]!.GetValue<string>());
        Assert.Contains(failed["diagnostics"]!.AsArray(), d => d!["severity"]!.GetValue<string>() == "ERROR" && d["message"]!.GetValue<string>().Contains("Nowhere", StringComparison.Ordinal));
    }
}
