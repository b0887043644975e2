using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Lambda;

namespace Workflows.Local.Tests;

/// <summary>The packaged bootstraps' invoker under a Map: the function's concurrency bounds its processes.</summary>
public sealed class BootstrapLambdaInvokerTests
{
    [Fact]
    public async Task A_Map_of_50_items_runs_on_at_most_the_bound_of_processes_and_every_item_gets_its_answer()
    {
        using var scratch = Repo.Scratch(deployment => deployment["functions"]!["even"]!.AsObject()["reserved_concurrent_executions"] = 3);
        var catalog = WorkflowCatalog.Load(scratch.Paths);
        var packages = PackagedFunctions.Load(scratch.Paths.Manifest, scratch.Paths.Functions);
        await using var invoker = new BootstrapLambdaInvoker(packages, catalog.Deployment);
        var even = catalog.Deployment.FunctionName("even");
        // Every item in flight at once (MaxConcurrency 0): 50 invocations ask for instances together.
        var machine = LocalStateMachine.Create($$"""
            {
              "StartAt": "Each",
              "States": {
                "Each": {
                  "Type": "Map",
                  "ItemsPath": "$.numbers",
                  "MaxConcurrency": 0,
                  "ItemProcessor": {
                    "StartAt": "Even",
                    "States": {
                      "Even": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": { "FunctionName": "{{even}}", "Payload": { "number.$": "$" } },
                        "OutputPath": "$.Payload",
                        "End": true
                      }
                    }
                  },
                  "End": true
                }
              }
            }
            """);
        var numbers = Enumerable.Range(1, 50).Select(i => 2 * i).ToArray();
        var input = new JsonObject { ["numbers"] = new JsonArray([.. numbers.Select(n => (JsonNode)n)]) };

        var result = await machine.ExecuteAsync(input, new ExecutionOptions { Resolver = new ResolverBuilder().WithLambdaInvoker(invoker).Build() });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(numbers.Select(n => $$"""{"number":{{n}},"parity":"even"}"""), result.Output!.AsArray().Select(o => o!.ToJsonString()));
        var pool = invoker.Statistics["even"];
        Assert.Equal(3, pool.Bound);
        Assert.InRange(pool.Instances, 1, 3); // an instance runs one process at a time: never more than 3 at once
        Assert.Equal(pool.Instances, pool.ColdStarts); // none crashed, so no instance started twice
        Assert.Equal(50, pool.Invocations);
    }

    [Fact]
    public async Task A_package_rebuilt_while_the_invoker_runs_serves_the_next_invocation_and_the_old_instance_retires()
    {
        var root = Directory.CreateTempSubdirectory("invoker-pickup-").FullName;
        try
        {
            // A copy of the packages this test may rebuild: "even" is first the even package, then the odd one.
            var packages = Path.Combine(root, "lambdas");
            Directory.CreateDirectory(packages);
            foreach (var zip in new[] { "even.zip", "odd.zip" })
            {
                File.Copy(Path.Combine(Path.GetDirectoryName(Repo.Paths.Manifest)!, zip), Path.Combine(packages, zip));
            }
            var manifest = JsonNode.Parse(File.ReadAllText(Repo.Paths.Manifest))!.AsObject();
            var functions = manifest["functions"]!.AsObject();
            foreach (var name in functions.Select(f => f.Key).Where(name => name is not ("even" or "odd")).ToList())
            {
                functions.Remove(name);
            }
            var manifestPath = Path.Combine(packages, "manifest.json");
            File.WriteAllText(manifestPath, manifest.ToJsonString());
            var source = new PackageSource(manifestPath, Path.Combine(root, "functions"));
            var catalog = WorkflowCatalog.Load(Repo.Paths);
            await using var invoker = new BootstrapLambdaInvoker(PackagedFunctions.Load(source.Manifest, source.UnpackDirectory), catalog.Deployment, source);
            var even = LambdaFunctionRef.Parse(catalog.Deployment.FunctionName("even"));

            var before = await invoker.InvokeAsync(even, new JsonObject { ["number"] = 4 }, CancellationToken.None);
            var warm = await invoker.InvokeAsync(even, new JsonObject { ["number"] = 6 }, CancellationToken.None);
            var oldProcess = ProcessesRunning(Path.Combine(source.UnpackDirectory, "even", "bootstrap"));
            functions["even"] = functions["odd"]!.DeepClone(); // make package: the even package's code changed
            File.WriteAllText(manifestPath, manifest.ToJsonString());
            File.SetLastWriteTimeUtc(manifestPath, DateTime.UtcNow.AddSeconds(2));
            var after = await invoker.InvokeAsync(even, new JsonObject { ["number"] = 3 }, CancellationToken.None);

            Assert.Equal("""{"number":4,"parity":"even"}""", before!.Payload!.ToJsonString());
            Assert.False(warm!.Report!.ColdStart);
            Assert.Equal("""{"number":3,"parity":"odd"}""", after!.Payload!.ToJsonString());
            Assert.True(after.Report!.ColdStart); // a new instance of the new package, not the warm old one
            Assert.Equal(1, invoker.Statistics["even"].Invocations);
            var retired = Assert.Single(oldProcess);
            await WaitForExitAsync(retired);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The processes whose executable is <paramref name="bootstrap"/>.</summary>
    private static List<int> ProcessesRunning(string bootstrap) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(pid => TryExe(pid!) == bootstrap)
            .Select(pid => int.Parse(pid!))];

    private static string? TryExe(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Waits (up to a minute, a bound against a hung test, not a speed check) for the process to end.</summary>
    private static async Task WaitForExitAsync(int pid)
    {
        for (var waited = 0; waited < 600 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); waited++)
        {
            await Task.Delay(100);
        }
        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"the old package's process {pid} still runs");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
