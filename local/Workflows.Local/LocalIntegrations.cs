using StepFunctions.Local;
using StepFunctions.Local.Integrations.DynamoDb;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Execution.Notifications;
using StepFunctions.Local.Integrations.EventBridge;
using StepFunctions.Local.Integrations.Sns;

namespace Workflows.Local;

/// <summary>
/// The simulated AWS around the workflows, shared by <c>make run</c> and <c>make console</c>: Lambda on the
/// packaged bootstraps (configured as terraform/deployment.json configures the functions), SNS to a local outbox,
/// ECS simulated with a chosen container exit code, DynamoDB tables and the EventBridge status-change
/// notifications (<see cref="LocalResources"/>). What they keep (outbox, tables) lives in one state directory,
/// so a second run sees the first one's items as it would on AWS.
/// </summary>
public sealed class LocalIntegrations : IAsyncDisposable
{
    private readonly FileSnsOutbox outbox;
    private readonly SimulatedEcsCluster ecs;
    private readonly LocalDynamoDbTables tables;

    private LocalIntegrations(BootstrapLambdaInvoker? lambdas, FileSnsOutbox outbox, SimulatedEcsCluster ecs, LocalDynamoDbTables tables, ExecutionNotifications notifications)
    {
        Lambdas = lambdas;
        this.outbox = outbox;
        this.ecs = ecs;
        this.tables = tables;
        Notifications = notifications;
    }

    /// <summary>Null when the integrations were created without Lambda.</summary>
    public BootstrapLambdaInvoker? Lambdas { get; }

    /// <summary>The DynamoDB tables the workflows write (the console serves DynamoDB's reads on them).</summary>
    public LocalDynamoDbTables Tables => tables;

    /// <summary>The status-change event sink: subscribe it to every execution (children too).</summary>
    public ExecutionNotifications Notifications { get; }

    public static string SnsOutboxIn(string stateDirectory) => Path.Combine(stateDirectory, "sns-outbox.jsonl");

    public static string DynamoDbTablesIn(string stateDirectory) => Path.Combine(stateDirectory, "dynamodb-tables.json");

    /// <param name="stateDirectory">Where the SNS outbox and the DynamoDB tables are kept (artifacts/run, artifacts/console).</param>
    /// <param name="wiredFunctions">The functions the workflows are wired to: their packages are loaded (verified
    /// against the manifest, which must hold every one, as Terraform's plan requires); none skips Lambda entirely.</param>
    /// <param name="failingJobs">Orchestrator jobs whose container fails whatever <paramref name="ecsExitCode"/> says (ECS_FAIL_JOBS).</param>
    public static LocalIntegrations Create(RunPaths paths, string stateDirectory, int ecsExitCode, WorkflowCatalog catalog,
        IReadOnlyCollection<string> wiredFunctions, FailingJobs? failingJobs = null)
    {
        // A make package while this runs is picked up by the next invocation (the manifest is the signal);
        // DEBUG_FUNCTION runs one function from its JIT Debug build instead, for a debugger to attach.
        var lambdas = wiredFunctions.Count > 0
            ? new BootstrapLambdaInvoker(LoadPackages(paths, wiredFunctions), catalog.Deployment, new PackageSource(paths.Manifest, paths.Functions),
                DebugFunction.FromEnvironment(paths, wiredFunctions, DebugNotice))
            : null;
        var outbox = new FileSnsOutbox(SnsOutboxIn(stateDirectory));
        var ecs = new SimulatedEcsCluster(new SimulatedEcsTaskRunner((failingJobs ?? FailingJobs.None).ExitCodes(ecsExitCode), catalog.Deployment.ContainerName), catalog.Deployment.ContainerName);
        var tables = new LocalDynamoDbTables(DynamoDbTablesIn(stateDirectory), LocalResources.Tables(catalog.Deployment));
        var notifications = new ExecutionNotifications(LocalResources.Notifications(catalog, paths.Templates), outbox,
            error => Console.Error.WriteLine($"EventBridge: a status-change notification was not delivered: {error.Message}"));
        return new LocalIntegrations(lambdas, outbox, ecs, tables, notifications);
    }

    private static void DebugNotice(int processId) =>
        Console.Error.WriteLine($"DEBUG_FUNCTION={Environment.GetEnvironmentVariable("DEBUG_FUNCTION")}: its process {processId} started; attach a debugger to it (README: \"Debugging a function in a workflow run\").");

    private static PackagedFunctions LoadPackages(RunPaths paths, IEnumerable<string> wiredFunctions)
    {
        var packages = PackagedFunctions.Load(paths.Manifest, paths.Functions);
        var missing = wiredFunctions.Where(function => packages.BootstrapOf(function) is null).ToList();
        if (missing.Count > 0)
        {
            throw new RunException($"{paths.Manifest} has no package for {string.Join(", ", missing)}: run `make package` " +
                "(every lambdas/<Folder>/Lambdas.<Folder>.csproj is packaged), or fix the wiring in terraform/deployment.json.");
        }
        return packages;
    }

    /// <summary>A resolver builder wired to these integrations; add mocks, handlers or child state machines before building it.</summary>
    public ResolverBuilder NewResolver()
    {
        var builder = new ResolverBuilder()
            .WithSnsOutbox(outbox)
            .WithEcs(ecs)
            .WithDynamoDb(tables);
        return Lambdas is null ? builder : builder.WithLambdaInvoker(Lambdas);
    }

    public async ValueTask DisposeAsync()
    {
        if (Lambdas is not null)
        {
            await Lambdas.DisposeAsync().ConfigureAwait(false);
        }
    }
}
