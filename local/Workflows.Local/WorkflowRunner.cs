using System.Text.Json.Nodes;
using System.Text.Json;
using Aws.Local;
using Lambda.Local;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Integrations.StepFunctions;
using StepFunctions.Local.Templates;

namespace Workflows.Local;

/// <summary>What to run: a workflow from the catalog, its execution input, the simulated container's exit code
/// and the orchestrator jobs whose container fails (ECS_FAIL_JOBS).</summary>
public sealed record RunRequest(string Workflow, string InputJson = "{}", int EcsExitCode = 0, double TimeScale = 1, FailingJobs? FailingJobs = null);

/// <summary>A finished run: the execution's result, where its history (and its children's) went, and what it published.</summary>
public sealed record RunOutcome(ExecutionResult Result, string HistoryPath, IReadOnlyList<string> PublishedMessages, IReadOnlyDictionary<string, PoolStatistics> FunctionPools)
{
    /// <summary>The history files of the child executions, in the order they ended.</summary>
    public IReadOnlyList<string> ChildHistoryPaths { get; init; } = [];

    /// <summary>An orchestrator run's jobs as the runs table records them (<see cref="JobTable"/>); empty for other workflows.</summary>
    public IReadOnlyList<JobRow> Jobs { get; init; } = [];
}

/// <summary>
/// <c>make run</c>: renders the template Terraform deploys, runs it with the local executor, Lambda tasks on the
/// packaged bootstraps, child executions on the workflows it is wired to, ECS simulated, DynamoDB in a local
/// file, SNS to a local outbox with the EventBridge status-change notices, and writes the execution histories.
/// </summary>
public static class WorkflowRunner
{
    /// <param name="view">Sees the events of the execution and of every child execution (make run's terminal view);
    /// events of several executions may arrive at once.</param>
    public static async Task<RunOutcome> RunAsync(RunRequest request, RunPaths paths, IExecutionSubscriber? view = null, CancellationToken cancellationToken = default)
    {
        var catalog = WorkflowCatalog.Load(paths);
        var workflow = catalog.Find(request.Workflow)
            ?? throw new RunException($"Unknown workflow \"{request.Workflow}\": use one of {string.Join(", ", catalog.Names)}.");
        var input = ParseInput(request.InputJson);
        var machine = Compile(workflow);
        var children = catalog.ChildWorkflows(workflow);

        Directory.CreateDirectory(paths.RunDirectory);
        IReadOnlyCollection<string> functions = [.. children.Prepend(workflow).SelectMany(w => catalog.WiredFunctions(w.Name)).Distinct()];
        await using var integrations = LocalIntegrations.Create(paths, paths.RunDirectory, request.EcsExitCode, catalog, functions, request.FailingJobs);

        var outboxBefore = CountLines(paths.SnsOutbox);
        IExecutionSubscriber[] views = view is null ? [] : [view];
        var childHistories = ChildHistories.Fresh(paths.ChildHistoriesOf(workflow.Name));
        // The run's workflows answer one another's callback tasks (the orchestrator's resume gate is answered by
        // the job-net-gate workflow); nothing outside the run can, as no API serves it.
        var tokens = new TaskTokens();
        var builder = integrations.NewResolver().WithTaskCallbacks(tokens);
        foreach (var child in children)
        {
            builder.StateMachines.Register(Compile(child));
        }
        // aws-sdk:sfn:describeExecution knows this run's executions; one of an earlier make run (a series lock's
        // owner) does not exist any more, as its process ended with it.
        var executions = new ObservedExecutions();
        builder.Executions.Lookup = executions.Find;
        var resolver = builder.Build();
        builder.StateMachines.ChildOptions = new ExecutionOptions
        {
            Resolver = resolver,
            Subscribers = [.. views, integrations.Notifications, childHistories, executions],
            TaskTokens = tokens,
            RecordHistory = false,
        };
        var result = await machine.ExecuteAsync(input, new ExecutionOptions
        {
            Resolver = resolver,
            TimeScale = request.TimeScale,
            Subscribers = [.. views, integrations.Notifications, executions],
            TaskTokens = tokens,
            RoleArn = Arn.Local("iam", $"role/{workflow.StateMachineName}").ToString(),
        }, cancellationToken).ConfigureAwait(false);

        var historyPath = paths.HistoryOf(workflow.Name);
        WriteAtomically(historyPath, Json.SerializeIndented(result.HistoryToJson()));
        var published = File.Exists(paths.SnsOutbox) ? File.ReadLines(paths.SnsOutbox).Skip(outboxBefore).ToList() : [];
        return new RunOutcome(result, historyPath, published, integrations.Lambdas?.Statistics ?? new Dictionary<string, PoolStatistics>())
        {
            ChildHistoryPaths = childHistories.Written,
            Jobs = workflow.Name == LocalResources.Orchestrator
                ? JobRecords.Read(paths, catalog.Deployment, input, skipped: result.Output?["status"]?.ToString() == "SKIPPED")
                : [],
        };
    }

    private static JsonNode? ParseInput(string json)
    {
        try
        {
            return Json.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RunException($"The execution input is not valid JSON ({e.Message}): pass a JSON document, for example INPUT='{{\"min\": 1, \"max\": 10}}'.");
        }
    }

    /// <summary>Renders the workflow's template as Terraform does and compiles it; problems become a <see cref="RunException"/>.</summary>
    public static LocalStateMachine Compile(Workflow workflow)
    {
        var definition = Render(workflow);
        try
        {
            return LocalStateMachine.Create(definition, workflow.StateMachineName, workflow.StateMachineArn);
        }
        catch (InvalidDefinitionException e)
        {
            throw new RunException($"{workflow.TemplateFile} is not a valid state machine: {string.Join("; ", e.Diagnostics)}.");
        }
    }

    /// <summary>The definition Terraform deploys: the template rendered with the workflow's variables.</summary>
    public static string Render(Workflow workflow)
    {
        if (!File.Exists(workflow.TemplateFile))
        {
            throw new RunException($"The template {workflow.TemplateFile} is missing: restore it from git (terraform/templates/).");
        }

        try
        {
            return TemplateRenderer.Render(File.ReadAllText(workflow.TemplateFile), workflow.Variables);
        }
        catch (FormatException e)
        {
            throw new RunException($"{workflow.TemplateFile}: {e.Message}");
        }
    }

    private static int CountLines(string path) => File.Exists(path) ? File.ReadLines(path).Count() : 0;

    /// <summary>Write beside, then rename: a reader never sees half a history.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
