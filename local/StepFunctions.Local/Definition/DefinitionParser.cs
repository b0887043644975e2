using System.Text.Json.Nodes;
using System.Text.Json;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

/// <summary>The outcome of loading a definition: the model when it is valid, and every diagnostic found.</summary>
public sealed class DefinitionParseResult
{
    public StateMachineDefinition? Definition { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public bool IsValid => Definition is not null;
}

/// <summary>Parses and validates an ASL (JSONPath) definition. Never throws for bad input: every problem
/// becomes a <see cref="Diagnostic"/>.</summary>
public static class DefinitionParser
{
    private static readonly HashSet<string> TopLevelFields = ["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"];
    private static readonly HashSet<string> GraphFields = ["Comment", "StartAt", "States", "ProcessorConfig", "QueryLanguage"];

    public static DefinitionParseResult Parse(string? json)
    {
        var diagnostics = new List<Diagnostic>();
        if (string.IsNullOrWhiteSpace(json))
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.MissingDescription, "The definition is empty.", "/"));
            return new DefinitionParseResult { Diagnostics = diagnostics };
        }
        JsonNode? root;
        try
        {
            root = Json.Parse(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            var message = e is ArgumentException ? $"Duplicate field name: {e.Message}" : e.Message;
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.InvalidJson, message, "/"));
            return new DefinitionParseResult { Diagnostics = diagnostics };
        }
        var reader = new FieldReader(diagnostics);
        if (root is not JsonObject obj)
        {
            reader.Error("/", $"The definition must be a JSON object, but is {Json.TypeName(root)}.");
            return new DefinitionParseResult { Diagnostics = diagnostics };
        }
        reader.CheckAllowed(obj, "", "a state machine", TopLevelFields);
        if (reader.String(obj, "QueryLanguage", "") is { } language && language != "JSONPath")
        {
            reader.Error("/QueryLanguage", $"QueryLanguage '{language}' is not supported by this executor; only JSONPath is.", DiagnosticCodes.UnsupportedFeature);
        }
        var version = reader.String(obj, "Version", "");
        if (version is not null and not "1.0")
        {
            reader.Error("/Version", $"Version must be \"1.0\", but is \"{version}\".");
        }
        var timeout = reader.Integer(obj, "TimeoutSeconds", "", 1, 99_999_999);
        var graph = ParseGraph(obj, "", reader);
        var hasErrors = diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error);
        var definition = graph is null || hasErrors ? null : new StateMachineDefinition
        {
            StartAt = graph.StartAt,
            States = graph.States,
            Comment = reader.String(obj, "Comment", ""),
            TimeoutSeconds = timeout,
        };
        return new DefinitionParseResult { Definition = definition, Diagnostics = diagnostics };
    }

    internal static StateGraph? ParseGraph(JsonObject obj, string location, FieldReader reader)
    {
        if (location.Length > 0)
        {
            reader.CheckAllowed(obj, location, "a branch or ItemProcessor", GraphFields);
        }
        var startAt = reader.String(obj, "StartAt", location.Length == 0 ? "/" : location, required: true);
        var statesObj = reader.Object(obj, "States", location.Length == 0 ? "/" : location, required: true);
        if (startAt is null || statesObj is null)
        {
            return null;
        }
        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in statesObj)
        {
            var stateLocation = $"{location}/States/{name}";
            if (name.Length is 0 or > 80)
            {
                reader.Error(stateLocation, $"State names must be 1 to 80 characters long; '{name}' has {name.Length}.", DiagnosticCodes.InvalidStateName);
            }
            if (node is not JsonObject stateObj)
            {
                reader.Error(stateLocation, $"State '{name}' must be an object, but is {Json.TypeName(node)}.");
                continue;
            }
            if (StateParser.Parse(name, stateObj, stateLocation, reader) is { } state)
            {
                states[name] = state;
            }
        }
        if (statesObj.Count == 0)
        {
            reader.Error($"{location}/States", "States must contain at least one state.");
            return null;
        }
        if (!statesObj.ContainsKey(startAt))
        {
            reader.Error($"{location}/StartAt", $"StartAt names '{startAt}', which is not a state in this scope.", DiagnosticCodes.MissingTransitionTarget);
        }
        var graph = new StateGraph { StartAt = startAt, States = states };
        GraphValidator.Validate(graph, statesObj, location, reader);
        return graph;
    }
}
