using StepFunctions.Local.Cli;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>The sfn-local run contract: one JSON object on stdout; exit 0 when the execution ran, 2 for an
/// invalid definition, 1 otherwise. Uses real files in a temporary folder.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sfn-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private FileInfo Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return new FileInfo(path);
    }

    private static RunOptions Options(FileInfo definition, FileInfo? input = null, FileInfo? history = null, FileInfo? mock = null, string? testCase = null, Dictionary<string, string>? vars = null, double timeScale = 0) =>
        new(definition, input, history, mock, testCase, null, timeScale, vars ?? [], null, 0);

    private static async Task<(int Code, string Stdout, string Stderr)> Run(RunOptions options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RunCommand.ExecuteAsync(options, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_successful_run_prints_status_output_error_cause_and_exits_0()
    {
        var (code, stdout, _) = await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Pass","End":true}""")), Write("i.json", """{"a":1}""")));
        Assert.Equal(0, code);
        Sfn.JsonEqual("""{"status":"SUCCEEDED","output":{"a":1},"error":null,"cause":null}""", Json.Parse(stdout));
    }

    [Fact]
    public async Task A_failed_execution_still_exits_0()
    {
        var (code, stdout, _) = await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Fail","Error":"E","Cause":"C"}"""))));
        Assert.Equal(0, code);
        Sfn.JsonEqual("""{"status":"FAILED","output":null,"error":"E","cause":"C"}""", Json.Parse(stdout));
    }

    [Fact]
    public async Task An_invalid_definition_exits_2_with_diagnostics()
    {
        var (code, stdout, stderr) = await Run(Options(Write("d.json", """{"StartAt":"X","States":{}}""")));
        Assert.Equal(2, code);
        Assert.NotEmpty(Json.Parse(stdout)!["diagnostics"]!.AsArray());
        Assert.Contains("States must contain at least one state", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_definition_file_exits_1_with_a_message()
    {
        var (code, stdout, stderr) = await Run(Options(new FileInfo(Path.Combine(dir, "missing.json"))));
        Assert.Equal((1, ""), (code, stdout));
        Assert.Contains("could not be read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_json_exits_1()
    {
        var (code, _, stderr) = await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Pass","End":true}""")), Write("i.json", "{nope")));
        Assert.Equal(1, code);
        Assert.Contains("not valid JSON", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_is_written_as_an_events_object()
    {
        var history = new FileInfo(Path.Combine(dir, "h.json"));
        await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Pass","End":true}""")), history: history));
        var events = Json.Parse(File.ReadAllText(history.FullName))!["events"]!.AsArray();
        Assert.Equal("ExecutionStarted", events[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mock_config_and_test_case_drive_task_results()
    {
        var definition = Write("NumberProcessor.asl.json", """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"OutputPath":"$.Payload","End":true}}}""");
        var mock = Write("mock.json", """{"StateMachines":{"NumberProcessor":{"TestCases":{"Ok":{"T":"R"}}}},"MockedResponses":{"R":{"0":{"Return":{"Payload":{"n":1}}}}}}""");
        var (code, stdout, _) = await Run(Options(definition, mock: mock, testCase: "Ok"));
        Assert.Equal(0, code);
        Sfn.JsonEqual("""{"n":1}""", Json.Parse(stdout)!["output"]);
    }

    [Fact]
    public async Task A_test_case_without_a_mock_config_exits_1() =>
        Assert.Equal(1, (await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Pass","End":true}""")), testCase: "x"))).Code);

    [Fact]
    public async Task Template_variables_are_rendered_before_validation()
    {
        var definition = Write("d.json", """{"StartAt":"T","States":{"T":{"Type":"Pass","Result":"${greeting}","End":true}}}""");
        var (code, stdout, _) = await Run(Options(definition, vars: new Dictionary<string, string> { ["greeting"] = "hi" }));
        Assert.Equal(0, code);
        Assert.Equal("hi", Json.Parse(stdout)!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_negative_time_scale_exits_1() =>
        Assert.Equal(1, (await Run(Options(Write("d.json", Sfn.Single("""{"Type":"Pass","End":true}""")), timeScale: -1))).Code);
}
