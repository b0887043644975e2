using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>EXPRESS executions: run to completion, nothing stored (AWS keeps no history for them either).</summary>
internal sealed class ExpressRuns(CompiledMachines compiled, ExecutionWiring wiring, CancellationToken shutdown)
{
    /// <summary>Runs the execution; whatever fails (even compiling) fails the task, never the caller that started it.</summary>
    public async Task<ExecutionResult> RunAsync(StateMachineRecord machine, string name, JsonNode? input, string? testCase)
    {
        var compiledMachine = compiled.Get(machine.Arn, machine.Definition);
        return await compiledMachine.ExecuteAsync(input, wiring.Options(name, machine.RoleArn, testCase, compiledMachine.Name), shutdown)
            .ConfigureAwait(false);
    }
}
