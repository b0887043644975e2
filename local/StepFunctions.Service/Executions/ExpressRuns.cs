using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>EXPRESS executions: run to completion, nothing stored (AWS keeps no history for them either). StartExecution
/// does not wait for them, so without a cap a flood of starts would pile up runs without end: at most
/// <c>maxRunning</c> run at once, and a start beyond that is refused with ThrottlingException.</summary>
internal sealed class ExpressRuns(CompiledMachines compiled, ExecutionWiring wiring, int maxRunning, CancellationToken shutdown)
{
    /// <summary>The default of <c>--max-express-runs</c>.</summary>
    public const int DefaultMaxRunning = 1000;

    private readonly ConcurrencyCap running = new(maxRunning, "EXPRESS executions running at once (--max-express-runs, SFN_MAX_EXPRESS_RUNS)");

    /// <summary>Starts the execution, or refuses it at once (ThrottlingException) beyond the cap; once started, whatever
    /// fails (even compiling) fails the task, never the caller that started it.</summary>
    public Task<ExecutionResult> RunAsync(StateMachineRecord machine, string name, JsonNode? input, string? testCase)
    {
        running.Take();
        return RunTakenAsync(machine, name, input, testCase);
    }

    private async Task<ExecutionResult> RunTakenAsync(StateMachineRecord machine, string name, JsonNode? input, string? testCase)
    {
        try
        {
            var compiledMachine = compiled.Get(machine.Arn, machine.Definition);
            return await compiledMachine.ExecuteAsync(input, wiring.Options(name, machine.RoleArn, testCase, compiledMachine.Name), shutdown)
                .ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }
}
