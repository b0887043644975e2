using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary><c>sfn-local test-state</c> as a process: TestState's members as options (inline JSON, files,
/// <c>file://</c>, the shorthand state configuration), AWS's TestState response as one JSON line and exit 0 whatever
/// the status; bad input is one stderr line naming the option, the problem and the fix, nothing on stdout, exit 2.</summary>
public sealed class TestStateCliTests : IDisposable
{
    private const string RetriedTask = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true}""";

    private const string Machine = """
        {"StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"}],"Default":"Small"},
          "Big":{"Type":"Succeed"},"Small":{"Type":"Succeed"}}}
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("sfn-teststate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The one JSON line a state that ran prints, with exit code 0 and nothing on stderr.</summary>
    private static JsonObject Ran(params string[] args)
    {
        var (code, stdout, stderr) = SfnLocalProcess.Run(["test-state", .. args]);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stderr);
        return Json.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!.AsObject();
    }

    /// <summary>The one stderr line bad input gets, with exit code 2, nothing on stdout and no stack trace.</summary>
    private static string Refused(params string[] args)
    {
        var (code, stdout, stderr) = SfnLocalProcess.Run(["test-state", .. args]);
        Assert.Equal((2, ""), (code, stdout));
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sfn-local test-state: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        return line;
    }

    [Fact]
    public void A_mocked_error_a_retrier_still_takes_is_RETRIABLE_with_the_next_interval()
    {
        var answer = Ran("--definition", RetriedTask, "--mock", """{"errorOutput":{"error":"Boom","cause":"it broke"}}""",
            "--state-configuration", "retrierRetryCount=1", "--inspection-level", "DEBUG");
        Sfn.JsonEqual("""{"error":"Boom","cause":"it broke","status":"RETRIABLE"}""", new JsonObject
        {
            ["error"] = answer["error"]?.DeepClone(), ["cause"] = answer["cause"]?.DeepClone(), ["status"] = answer["status"]?.DeepClone(),
        });
        Sfn.JsonEqual("""{"retryBackoffIntervalSeconds":6,"retryIndex":0}""", answer["inspectionData"]!["errorDetails"]);
        Assert.Equal("""{"FunctionName":"f"}""", answer["inspectionData"]!["afterParameters"]!.GetValue<string>());
    }

    [Fact]
    public void An_exhausted_retrier_goes_to_the_catcher_with_the_state_configuration_as_JSON()
    {
        var answer = Ran("--definition", RetriedTask, "--mock", """{"errorOutput":{"error":"Boom","cause":"it broke"}}""",
            "--state-configuration", """{"retrierRetryCount":2}""", "--inspection-level", "DEBUG");
        Assert.Equal(("CAUGHT_ERROR", "Recover", 0), (answer["status"]!.GetValue<string>(), answer["nextState"]!.GetValue<string>(),
            answer["inspectionData"]!["errorDetails"]!["catchIndex"]!.GetValue<int>()));
    }

    [Fact]
    public void A_state_of_a_machine_in_a_file_takes_its_input_from_a_file_and_names_the_next_state()
    {
        var definition = Write("machine.asl.json", Machine);
        var input = Write("input.json", """{"n":42}""");
        var plain = Ran("--definition", definition, "--state-name", "Check", "--input", "file://" + input);
        Assert.Equal(("SUCCEEDED", "Big", """{"n":42}"""), (plain["status"]!.GetValue<string>(), plain["nextState"]!.GetValue<string>(), plain["output"]!.GetValue<string>()));
        Assert.Null(plain["inspectionData"]);
        var viaPrefix = Ran("--definition", "file://" + definition, "--state-name", "Check", "--input", """{"n":1}""");
        Assert.Equal("Small", viaPrefix["nextState"]!.GetValue<string>());
    }

    [Fact]
    public void A_JSONata_task_sees_the_context_and_variables_given()
    {
        var answer = Ran("--definition",
            """{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f","Payload":"{% $states.context.Execution.Name %}"},"Output":"{% $states.context.Execution.Name & '/' & $states.result.ok & '/' & $limit %}","Assign":{"seen":"{% $states.result.ok %}"},"End":true}""",
            "--mock", """{"result":{"ok":"yes"}}""", "--context", """{"Execution":{"Name":"run-1"}}""", "--variables", """{"limit":3}""",
            "--inspection-level", "TRACE");
        Assert.Equal("\"run-1/yes/3\"", answer["output"]!.GetValue<string>());
        Assert.Equal("""{"FunctionName":"f","Payload":"run-1"}""", answer["inspectionData"]!["afterArguments"]!.GetValue<string>());
        Assert.Equal("""{"limit":3,"seen":"yes"}""", answer["inspectionData"]!["variables"]!.GetValue<string>());
    }

    [Fact]
    public void A_Map_fails_when_more_iterations_failed_than_it_tolerates()
    {
        const string Map = """{"Type":"Map","ItemsPath":"$.xs","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""";
        var answer = Ran("--definition", Map, "--input", """{"xs":[1,2,3]}""", "--mock", """{"result":"[1,2,3]"}""",
            "--state-configuration", "mapIterationFailureCount=2", "--inspection-level", "DEBUG");
        Assert.Equal(("FAILED", "States.ExceedToleratedFailureThreshold"), (answer["status"]!.GetValue<string>(), answer["error"]!.GetValue<string>()));
        Assert.Equal("[1,2,3]", answer["inspectionData"]!["afterItemsPath"]!.GetValue<string>());
        Assert.Equal(1, answer["inspectionData"]!["toleratedFailureCount"]!.GetValue<int>());
    }

    [Fact]
    public void A_state_the_machine_lacks_is_refused_naming_the_states_it_has()
    {
        var line = Refused("--definition", Machine, "--state-name", "Nowhere");
        Assert.Equal("sfn-local test-state: --state-name: State not found in definition. Fix: name one of the definition's states: Check, Big, Small.", line);
    }

    [Fact]
    public void A_mock_on_a_Pass_state_and_a_mocked_result_against_the_API_model_are_refused_with_AWS_messages()
    {
        Assert.Contains("--mock: State type 'Pass' is not supported when a mock is specified.", Refused("--definition", """{"Type":"Pass","End":true}""", "--mock", """{"result":"{}"}"""), StringComparison.Ordinal);
        var line = Refused("--definition", """{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"t","Message":"m"},"End":true}""",
            "--mock", """{"result":{"MessageId":7}}""");
        Assert.Contains("--mock: Mock result schema validation error: Field 'MessageId' must be a string. Fix: ", line, StringComparison.Ordinal);
        Assert.Contains("fieldValidationMode", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_the_CLI_cannot_read_are_refused_with_the_fix()
    {
        Assert.Contains("Option '--definition' is required", Refused(), StringComparison.Ordinal);
        Assert.Contains("--inspection-level: 'LOUD' is not an inspection level. Fix: give one of INFO, DEBUG, TRACE.",
            Refused("--definition", """{"Type":"Pass","End":true}""", "--inspection-level", "LOUD"), StringComparison.Ordinal);
        Assert.Contains("--definition: " + Path.Combine(dir, "missing.json") + " could not be read",
            Refused("--definition", Path.Combine(dir, "missing.json")), StringComparison.Ordinal);
        Assert.Contains("--mock: not valid JSON", Refused("--definition", RetriedTask, "--mock", "{result"), StringComparison.Ordinal);
        Assert.Contains("--state-configuration: 'retries' is not a state configuration field",
            Refused("--definition", RetriedTask, "--mock", """{"result":"{}"}""", "--state-configuration", "retries=1"), StringComparison.Ordinal);
        Assert.Contains("--input: Invalid State Machine Execution Input", Refused("--definition", """{"Type":"Pass","End":true}""", "--input", "{nope"), StringComparison.Ordinal);
    }
}
