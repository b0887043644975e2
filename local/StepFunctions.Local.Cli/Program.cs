using System.CommandLine;
using StepFunctions.Local.Cli;

var definition = new Option<FileInfo>("--definition") { Description = "ASL definition file (JSON; ${var} placeholders rendered with --var)", Required = true };
var input = new Option<FileInfo?>("--input") { Description = "Execution input JSON file (default {})" };
var history = new Option<FileInfo?>("--history") { Description = "Write the execution history as {\"events\": [...]} to this file" };
var mockConfig = new Option<FileInfo?>("--mock-config") { Description = "Step Functions Local MockConfigFile" };
var testCase = new Option<string?>("--test-case") { Description = "Test case of the mock config to run" };
var stateMachineName = new Option<string?>("--state-machine-name") { Description = "State machine name (default: the definition file name, or the mock config's owner of --test-case)" };
var timeScale = new Option<double>("--time-scale") { Description = "Wait/retry time multiplier: 0 = instant, 1 = real time", DefaultValueFactory = _ => 1.0 };
var variables = new Option<string[]>("--var") { Description = "Template variable name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
var snsOutbox = new Option<FileInfo?>("--sns-outbox") { Description = "Append sns:publish messages to this file (JSON lines)" };
var ecsExitCode = new Option<int>("--ecs-exit-code") { Description = "Exit code of simulated ecs:runTask containers", DefaultValueFactory = _ => 0 };

var run = new Command("run", "Run a state machine definition once and print {status, output, error, cause}");
foreach (var option in new Option[] { definition, input, history, mockConfig, testCase, stateMachineName, timeScale, variables, snsOutbox, ecsExitCode })
{
    run.Options.Add(option);
}
run.SetAction(async (parse, cancellationToken) =>
{
    var vars = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var pair in parse.GetValue(variables) ?? [])
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            await Console.Error.WriteLineAsync($"sfn-local: --var '{pair}' must look like name=value.");
            return RunCommand.Failed;
        }
        vars[pair[..eq]] = pair[(eq + 1)..];
    }
    var options = new RunOptions(parse.GetValue(definition)!, parse.GetValue(input), parse.GetValue(history), parse.GetValue(mockConfig),
        parse.GetValue(testCase), parse.GetValue(stateMachineName), parse.GetValue(timeScale), vars, parse.GetValue(snsOutbox), parse.GetValue(ecsExitCode));
    return await RunCommand.ExecuteAsync(options, Console.Out, Console.Error, cancellationToken);
});

// test-state: the TestState API's members, one option each, named after the member.
var tsDefinition = new Option<string>("--definition") { Description = "The state (or a state machine with --state-name): inline JSON, a file path, or file://PATH", Required = true };
var tsStateName = new Option<string?>("--state-name") { Description = "stateName: the state of a whole state machine to test" };
string JsonMember(string member) => $"{member}: inline JSON or file://PATH";
var tsInput = new Option<string?>("--input") { Description = JsonMember("input, the state's input (default {})") };
var tsMock = new Option<string?>("--mock") { Description = JsonMember("mock, {\"result\": ...} or {\"errorOutput\": {\"error\", \"cause\"}}, with fieldValidationMode STRICT|PRESENT|NONE") };
var tsContext = new Option<string?>("--context") { Description = JsonMember("context, laid over the context object ($$, $states.context); needs --mock") };
var tsVariables = new Option<string?>("--variables") { Description = JsonMember("variables, a JSON object of the variables the state sees") };
var tsConfiguration = new Option<string?>("--state-configuration") { Description = "stateConfiguration: JSON, file://PATH or name=value,... (retrierRetryCount, errorCausedByState, mapIterationFailureCount, mapItemReaderData)" };
var tsLevel = new Option<string?>("--inspection-level") { Description = "inspectionLevel: INFO (default), DEBUG or TRACE" };
var tsReveal = new Option<bool>("--reveal-secrets") { Description = "revealSecrets (accepted; no HTTP Task runs offline)" };
var tsRole = new Option<string?>("--role-arn") { Description = "roleArn: the execution role the state sees" };
var testState = new Command("test-state", "Test one state as AWS's TestState API does, without a server, and print TestState's response");
foreach (var option in new Option[] { tsDefinition, tsStateName, tsInput, tsMock, tsContext, tsVariables, tsConfiguration, tsLevel, tsReveal, tsRole })
{
    testState.Options.Add(option);
}
testState.SetAction(async (parse, cancellationToken) => await TestStateCommand.ExecuteAsync(new TestStateArguments(parse.GetValue(tsDefinition)!,
    parse.GetValue(tsStateName), parse.GetValue(tsInput), parse.GetValue(tsMock), parse.GetValue(tsContext), parse.GetValue(tsVariables),
    parse.GetValue(tsConfiguration), parse.GetValue(tsLevel), parse.GetValue(tsReveal), parse.GetValue(tsRole)), Console.Out, Console.Error, cancellationToken));

var root = new RootCommand("sfn-local: run Amazon States Language definitions offline with AWS Step Functions semantics");
root.Subcommands.Add(run);
root.Subcommands.Add(testState);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.CommandResult.Command == testState)
{
    // test-state's contract for bad input: one line naming the problem and the fix, exit 2.
    await Console.Error.WriteLineAsync(TestStateCommand.Line(null, parsed.Errors[0].Message, "see sfn-local test-state --help"));
    return TestStateCommand.BadInput;
}
// stdout carries only the result object: usage text for bad arguments goes to stderr.
var configuration = new InvocationConfiguration();
if (parsed.Errors.Count > 0)
{
    configuration.Output = Console.Error;
}
return await parsed.InvokeAsync(configuration);
