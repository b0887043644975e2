using System.Collections.Concurrent;
using StepFunctions.Local;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>Definitions compiled once per state machine and definition text: every execution of a state machine
/// shares its compiled executors (they are immutable), and an execution that keeps an older definition keeps its own.</summary>
internal sealed class CompiledMachines
{
    private readonly ConcurrentDictionary<string, LocalStateMachine> compiled = new(StringComparer.Ordinal);

    public LocalStateMachine Get(string stateMachineArn, string definition) =>
        compiled.GetOrAdd(stateMachineArn + "|" + SqliteStore.Hash(definition),
            _ => LocalStateMachine.Create(definition, Arns.MachineName(stateMachineArn), stateMachineArn));
}
