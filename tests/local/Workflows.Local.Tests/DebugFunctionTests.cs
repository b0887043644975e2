using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.Lambda;

namespace Workflows.Local.Tests;

/// <summary>DEBUG_FUNCTION: one function from its JIT Debug build under the local Runtime API, for a debugger.</summary>
public sealed class DebugFunctionTests
{
    [Fact]
    public async Task The_debugged_function_runs_its_JIT_build_in_one_instance_and_answers_as_the_package_does()
    {
        var catalog = WorkflowCatalog.Load(Repo.Paths);
        using var scratch = Repo.Scratch();
        var packages = PackagedFunctions.Load(scratch.Paths.Manifest, scratch.Paths.Functions);
        var started = new ConcurrentQueue<int>();
        var debug = DebugFunction.Build(Repo.Paths, packages.Names, "even", started.Enqueue);
        await using var invoker = new BootstrapLambdaInvoker(packages, catalog.Deployment, debug: debug);
        var even = LambdaFunctionRef.Parse(catalog.Deployment.FunctionName("even"));

        var answers = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            invoker.InvokeAsync(even, new JsonObject { ["number"] = 2 * i }, CancellationToken.None).AsTask()));
        var failed = await invoker.InvokeAsync(even, new JsonObject { ["number"] = 3 }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 3).Select(i => $$"""{"number":{{2 * i}},"parity":"even"}"""), answers.Select(a => a!.Payload!.ToJsonString()));
        var pid = Assert.Single(started); // one process: the one to attach to
        Assert.Contains("libclrjit.so", File.ReadAllText($"/proc/{pid}/maps"), StringComparison.Ordinal); // the JIT, not the AOT package
        Assert.Equal(1, invoker.Statistics["even"].Bound);
        Assert.Equal("WrongParityException", failed!.FunctionError);
        // The Debug build keeps what the package has: the handler's frames by name in the error's stack trace.
        Assert.Contains("EvenHandler", failed.Payload!["stackTrace"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_function_is_refused_with_the_names_to_use()
    {
        var error = Assert.Throws<RunException>(() => DebugFunction.Build(Repo.Paths, ["even", "odd"], "evn", _ => { }));

        Assert.Contains("DEBUG_FUNCTION=evn is not a function", error.Message, StringComparison.Ordinal);
        Assert.Contains("even, odd", error.Message, StringComparison.Ordinal);
    }
}
