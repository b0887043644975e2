using Lambda.Local;
using StepFunctions.Local;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Sns;

namespace Workflows.Local;

/// <summary>
/// The simulated AWS around the workflows, shared by <c>make run</c> and <c>make console</c>: Lambda on the
/// packaged bootstraps (configured as terraform/deployment.json configures the functions), SNS to a local outbox, ECS
/// simulated with a chosen container exit code.
/// </summary>
public sealed class LocalIntegrations : IAsyncDisposable
{
    private readonly string snsOutbox;
    private readonly int ecsExitCode;
    private readonly string containerName;

    private LocalIntegrations(BootstrapLambdaInvoker? lambdas, string snsOutbox, int ecsExitCode, string containerName)
    {
        Lambdas = lambdas;
        this.snsOutbox = snsOutbox;
        this.ecsExitCode = ecsExitCode;
        this.containerName = containerName;
    }

    /// <summary>Null when the integrations were created without Lambda.</summary>
    public BootstrapLambdaInvoker? Lambdas { get; }

    /// <param name="wiredFunctions">The functions the workflows are wired to: their packages are loaded (verified
    /// against the manifest, which must hold every one, as Terraform's plan requires); none skips Lambda entirely.</param>
    public static LocalIntegrations Create(RunPaths paths, string snsOutbox, int ecsExitCode, WorkflowCatalog catalog,
        IReadOnlyCollection<string> wiredFunctions)
    {
        var lambdas = wiredFunctions.Count > 0
            ? new BootstrapLambdaInvoker(LoadPackages(paths, wiredFunctions), catalog.Deployment)
            : null;
        return new LocalIntegrations(lambdas, snsOutbox, ecsExitCode, catalog.Deployment.ContainerName);
    }

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

    /// <summary>A resolver builder wired to these integrations; add mocks or handlers before building it.</summary>
    public ResolverBuilder NewResolver()
    {
        var builder = new ResolverBuilder()
            .WithSnsOutbox(new FileSnsOutbox(snsOutbox))
            .WithEcsRunner(new SimulatedEcsTaskRunner(ecsExitCode, containerName));
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
