using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Execution;

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
}
