using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Local;
using Workflows.Local.Cli;

// local-run: `make run` — one workflow, offline, on the packaged Lambdas. Like sfn-local, exit 0 when the
// execution ran (whatever its status, which is printed), 2 when it could not run (the message says why and what to do).
var workflowOption = new Option<string>("--workflow") { Description = "A workflow of terraform/deployment.json: number-processor, container-task, ...", DefaultValueFactory = _ => WorkflowCatalog.NumberProcessor };
var inputOption = new Option<string>("--input") { Description = "Execution input: JSON, or @file.json", DefaultValueFactory = _ => "{}" };
var ecsExitOption = new Option<int>("--ecs-exit-code") { Description = "Exit code of the simulated ECS container (non-zero fails the task)" };
var timeScaleOption = new Option<double>("--time-scale") { Description = "Waits and retry intervals run at this multiple of real time: 0 = instant, 1 = real time (make run passes 0.01)", DefaultValueFactory = _ => 1 };
var rootOption = new Option<string?>("--root") { Description = "Repository root (default: found from the current folder)" };

var command = new RootCommand("Run a workflow offline with the local Step Functions executor, on the packaged Lambdas")
{
    workflowOption, inputOption, ecsExitOption, timeScaleOption, rootOption,
};
command.SetAction(async (parsed, cancellationToken) =>
{
    var stdout = Console.Out;
    try
    {
        var paths = parsed.GetValue(rootOption) is { } root ? new RunPaths(root) : RunPaths.FindFrom(Environment.CurrentDirectory);
        var input = InputArgument.Read(parsed.GetValue(inputOption)!, Environment.CurrentDirectory);
        var request = new RunRequest(parsed.GetValue(workflowOption)!, input, parsed.GetValue(ecsExitOption), parsed.GetValue(timeScaleOption), FailingJobs.FromEnvironment());
        var outcome = await WorkflowRunner.RunAsync(request, paths, new TerminalView(stdout), cancellationToken);
        JobTable.Print(outcome.Jobs, stdout);
        Summary.Print(outcome, paths, stdout);
        return 0;
    }
    catch (RunException e)
    {
        await Console.Error.WriteLineAsync($"make run: {e.Message}");
        return 2;
    }
});

// No response files: `--input @manifest.json` names an input file (InputArgument), not more arguments.
return await command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();

internal static class Summary
{
    public static void Print(RunOutcome outcome, RunPaths paths, TextWriter output)
    {
        var result = outcome.Result;
        output.WriteLine();
        output.WriteLine($"{result.StatusText} in {TerminalView.Ms(result.StopDate - result.StartDate)}");
        if (result.Error is not null)
        {
            output.WriteLine($"  error    {result.Error}");
            // In full, a line each: the job net's cause names every failed and blocked job.
            output.WriteLine($"  cause    {(result.Cause ?? "").ReplaceLineEndings(Environment.NewLine + "           ")}");
        }
        else
        {
            output.WriteLine($"  output   {TerminalView.Compact(result.Output)}");
        }

        foreach (var (function, pool) in outcome.FunctionPools.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  lambda   {function}: {pool.Instances} instance(s) of at most {pool.Bound}, {pool.ColdStarts} cold start(s), {pool.Invocations} invocation(s), {pool.Queued} queued (wait max {TerminalView.Ms(pool.MaxQueueWait)}, total {TerminalView.Ms(pool.TotalQueueWait)})"));
        }

        foreach (var line in outcome.PublishedMessages)
        {
            var message = JsonNode.Parse(line)!;
            var subject = message["Subject"]?.GetValue<string>() is { } text ? $"\"{text}\" " : "";
            output.WriteLine($"  sns      {subject}to {message["TopicArn"]}");
            // One line per notice: a multi-line message (an EventBridge notification) is shown with its lines joined.
            output.WriteLine($"           {TerminalView.Shorten(message["Message"]?.GetValue<string>())}");
        }

        if (outcome.PublishedMessages.Count > 0)
        {
            output.WriteLine($"  outbox   {Path.GetRelativePath(paths.Root, paths.SnsOutbox)}");
        }

        output.WriteLine($"  history  {Path.GetRelativePath(paths.Root, outcome.HistoryPath)}");
        if (outcome.ChildHistoryPaths.Count > 0)
        {
            output.WriteLine($"  children {Path.GetRelativePath(paths.Root, Path.GetDirectoryName(outcome.ChildHistoryPaths[0])!)}/ ({outcome.ChildHistoryPaths.Count} child execution histories)");
        }
    }
}
