using System.Text.Json.Nodes;

namespace StepFunctions.Local.Definition;

/// <summary>Checks that transitions stay inside their scope, every state is reachable and a terminal state exists.</summary>
internal static class GraphValidator
{
    public static void Validate(StateGraph graph, JsonObject statesObj, string location, FieldReader reader)
    {
        foreach (var state in graph.States.Values)
        {
            foreach (var (target, field) in Transitions(state))
            {
                if (!statesObj.ContainsKey(target))
                {
                    reader.Error($"{location}/States/{state.Name}/{field}",
                        $"'{field}' names '{target}', which is not a state in this scope (transitions cannot leave a Parallel branch or Map).",
                        DiagnosticCodes.MissingTransitionTarget);
                }
            }
        }
        if (!graph.States.Values.Any(IsTerminal))
        {
            reader.Error(location.Length == 0 ? "/States" : $"{location}/States",
                "No terminal state: at least one state needs \"End\": true or must be a Succeed or Fail state.", DiagnosticCodes.MissingEndState);
        }
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(graph.StartAt);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!reachable.Add(name) || !graph.States.TryGetValue(name, out var state))
            {
                continue;
            }
            foreach (var (target, _) in Transitions(state))
            {
                pending.Push(target);
            }
        }
        foreach (var name in graph.States.Keys)
        {
            if (!reachable.Contains(name))
            {
                reader.Error($"{location}/States/{name}", $"State '{name}' is not reachable from StartAt '{graph.StartAt}'.", DiagnosticCodes.UnreachableState);
            }
        }
    }

    private static bool IsTerminal(StateDefinition state) => state.End || state is SucceedStateDefinition or FailStateDefinition;

    private static IEnumerable<(string Target, string Field)> Transitions(StateDefinition state)
    {
        if (state.Next is not null)
        {
            yield return (state.Next, "Next");
        }
        if (state is ChoiceStateDefinition choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                yield return (choice.Choices[i].Next, $"Choices[{i}]/Next");
            }
            if (choice.Default is not null)
            {
                yield return (choice.Default, "Default");
            }
        }
        if (state is ErrorHandlingStateDefinition handling)
        {
            for (var i = 0; i < handling.Catch.Count; i++)
            {
                yield return (handling.Catch[i].Next, $"Catch[{i}]/Next");
            }
        }
    }
}
