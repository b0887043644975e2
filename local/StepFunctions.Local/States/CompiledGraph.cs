using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

/// <summary>A state graph with one executor per state, built once per definition.</summary>
internal sealed class CompiledGraph
{
    private readonly Dictionary<string, StateExecutor> executors;

    public CompiledGraph(StateGraph graph)
    {
        StartAt = graph.StartAt;
        executors = new Dictionary<string, StateExecutor>(StringComparer.Ordinal);
        foreach (var (name, state) in graph.States)
        {
            executors[name] = Create(state);
        }
    }

    public string StartAt { get; }

    public StateExecutor this[string name] => executors[name];

    private static StateExecutor Create(StateDefinition state) => state switch
    {
        TaskStateDefinition task => new TaskExecutor(task),
        PassStateDefinition pass => new PassExecutor(pass),
        ChoiceStateDefinition choice => new ChoiceExecutor(choice),
        WaitStateDefinition wait => new WaitExecutor(wait),
        SucceedStateDefinition succeed => new SucceedExecutor(succeed),
        FailStateDefinition fail => new FailExecutor(fail),
        ParallelStateDefinition parallel => new ParallelExecutor(parallel),
        MapStateDefinition map => new MapExecutor(map),
        _ => throw new InvalidOperationException($"No executor for state type {state.Type}."),
    };
}
