using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>The real sfn-local executable (built next to the tests), run as a process: argument parsing,
/// exactly one JSON object on stdout, and the exit codes.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sfn-proc-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => SfnLocalProcess.Run(args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_run_prints_one_json_line_and_exits_0()
    {
        var definition = Write("d.json", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"F"},"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        var (code, stdout, _) = Run("run", "--definition", definition, "--time-scale", "0");
        Assert.Equal(0, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Sfn.JsonEqual("""{"status":"FAILED","output":null,"error":"E","cause":"C"}""", Json.Parse(line));
    }

    [Fact]
    public void An_invalid_definition_exits_2() =>
        Assert.Equal(2, Run("run", "--definition", Write("d.json", """{"StartAt":"A","States":{"A":{"Type":"Pass"}}}""")).Code);

    [Fact]
    public void A_missing_required_option_exits_1_without_stdout()
    {
        var (code, stdout, stderr) = Run("run");
        Assert.Equal((1, ""), (code, stdout.Trim()));
        Assert.Contains("--definition", stderr, StringComparison.Ordinal);
    }

    /// <summary>local/examples, found from the test binaries up to the repository root.</summary>
    private static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "global.json")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException("global.json not found above " + AppContext.BaseDirectory);
        }
        return Path.Combine(dir.FullName, "local", "examples", name);
    }

    [Fact]
    public void The_JSONata_example_with_variables_runs_and_its_history_records_the_variables()
    {
        var history = Path.Combine(dir, "history.json");
        var (code, stdout, _) = Run("run", "--definition", Example("order-summary.asl.json"), "--input", Example("order-summary-input.json"),
            "--history", history, "--time-scale", "0");
        Assert.Equal(0, code);
        Sfn.JsonEqual("""{"status":"SUCCEEDED","output":{"orderId":"A-1001","customer":"Ada","lines":3,"total":122.67,"status":"ACCEPTED","notified":true},"error":null,"cause":null}""",
            Json.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))));
        var events = Json.Parse(File.ReadAllText(history))!["events"]!.AsArray();
        var exits = events.Where(e => e!["stateExitedEventDetails"]?["assignedVariables"] is not null)
            .ToDictionary(e => e!["stateExitedEventDetails"]!["name"]!.GetValue<string>(), e => e!["stateExitedEventDetails"]!);
        Assert.Equal(["Remember order", "Price lines", "Check total", "Notify"], exits.Keys);
        Assert.Equal("\"A-1001\"", exits["Remember order"]["assignedVariables"]!["orderId"]!.GetValue<string>());
        Assert.Equal("{\"total\":\"122.67\",\"lineCount\":\"3\"}", exits["Price lines"]["assignedVariables"]!.ToJsonString());
        Assert.False(exits["Check total"]["assignedVariablesDetails"]!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public void The_JSONata_example_fails_with_the_Fail_state_expression_cause_above_the_limit()
    {
        var input = Write("big.json", """{"orderId":"B-7","customer":{"name":"Bo"},"lines":[{"sku":"TV","price":900,"quantity":2}]}""");
        var (code, stdout, _) = Run("run", "--definition", Example("order-summary.asl.json"), "--input", input, "--time-scale", "0");
        Assert.Equal(0, code);
        Sfn.JsonEqual("""{"status":"FAILED","output":null,"error":"Order.NeedsApproval","cause":"Order B-7 totals 1800, above the approval limit"}""",
            Json.Parse(stdout));
    }

    [Fact]
    public void An_unparsable_expression_exits_2_naming_state_field_and_position()
    {
        var definition = Write("bad.json", """{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":{"v":"{% $states.input.a + %}"},"End":true}}}""");
        var (code, stdout, stderr) = Run("run", "--definition", definition);
        Assert.Equal(2, code);
        Sfn.JsonEqual("""{"status":"INVALID_DEFINITION","diagnostics":[{"severity":"ERROR","code":"INVALID_JSONATA_EXPRESSION","message":"Unexpected end of expression","location":"/States/S/Output/v","position":17}]}""",
            Json.Parse(stdout));
        Assert.Contains("INVALID_JSONATA_EXPRESSION at /States/S/Output/v (position 17 in the expression): Unexpected end of expression", stderr, StringComparison.Ordinal);
    }
}
