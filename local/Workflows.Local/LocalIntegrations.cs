using Lambda.Local;
using StepFunctions.Local;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Sns;

namespace Workflows.Local;

/// <summary>
/// The simulated AWS around the workflows, shared by <c>make run</c> and <c>make console</c>: Lambda on the
/// packaged bootstraps (configured as terraform/main.tf configures the functions), SNS to a local outbox, ECS
/// simulated with a chosen container exit code.
/// </summary>
public sealed class LocalIntegrations : IAsyncDisposable
{
    private readonly string snsOutbox;
    private readonly int ecsExitCode;

    private LocalIntegrations(BootstrapLambdaInvoker? lambdas, string snsOutbox, int ecsExitCode)
    {
        Lambdas = lambdas;
        this.snsOutbox = snsOutbox;
        this.ecsExitCode = ecsExitCode;
    }

    /// <summary>Null when the integrations were created without Lambda.</summary>
    public BootstrapLambdaInvoker? Lambdas { get; }

    /// <param name="withLambda">Load the packages (verified against the manifest); false skips Lambda entirely.</param>
    public static LocalIntegrations Create(RunPaths paths, string snsOutbox, int ecsExitCode, bool withLambda)
    {
        var lambdas = withLambda ? new BootstrapLambdaInvoker(PackagedFunctions.Load(paths.Manifest, paths.Functions), FunctionOptions) : null;
        return new LocalIntegrations(lambdas, snsOutbox, ecsExitCode);
    }

    /// <summary>A resolver builder wired to these integrations; add mocks or handlers before building it.</summary>
    public ResolverBuilder NewResolver()
    {
        var builder = new ResolverBuilder()
            .WithSnsOutbox(new FileSnsOutbox(snsOutbox))
            .WithEcsRunner(new SimulatedEcsTaskRunner(ecsExitCode, WorkflowCatalog.ContainerName));
        return Lambdas is null ? builder : builder.WithLambdaInvoker(Lambdas);
    }

    /// <summary>The configuration terraform/main.tf gives each function (memory, timeout, JSON logs, log level).</summary>
    private static LocalFunctionOptions FunctionOptions(string package, string bootstrap) => new()
    {
        BootstrapPath = bootstrap,
        FunctionName = LocalAws.FunctionName(package),
        MemorySizeMb = 256,
        Timeout = TimeSpan.FromSeconds(10),
        LogFormat = "JSON",
        LogLevel = "INFO",
        Region = LocalAws.Region,
        AccountId = LocalAws.AccountId,
    };

    public async ValueTask DisposeAsync()
    {
        if (Lambdas is not null)
        {
            await Lambdas.DisposeAsync().ConfigureAwait(false);
        }
    }
}
