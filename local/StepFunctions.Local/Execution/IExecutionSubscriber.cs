using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>Receives every <see cref="ExecutionEvent"/> of an execution as it happens: the history recorder,
/// a console view, a store, a live stream. Events arrive one at a time, in id order, while the execution runs
/// (Map and Parallel branches publish from several threads, but never concurrently), so a subscriber needs no
/// locking of its own for what it keeps per event; it must be quick and must not throw, since the execution
/// waits for it. Register subscribers in <see cref="ExecutionOptions.Subscribers"/>.</summary>
public interface IExecutionSubscriber
{
    void OnEvent(ExecutionEvent e);
}
