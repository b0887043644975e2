using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Definition;

/// <summary>Typed access to definition fields that reports problems as diagnostics instead of throwing.</summary>
internal sealed class FieldReader
{
    private readonly List<Diagnostic> diagnostics;

    public FieldReader(List<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

    /// <summary>The state machine's QueryLanguage: the default of every state, including those inside
    /// Parallel branches and Map processors (AWS does not inherit the enclosing state's).</summary>
    public QueryLanguage MachineLanguage { get; set; } = QueryLanguage.JsonPath;

    public void Error(string location, string message, string code = DiagnosticCodes.SchemaValidationFailed) =>
        diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, code, message, location));

    public void Warning(string location, string message, string code) =>
        diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, location));

    /// <summary>Reports every field not in <paramref name="allowed"/>, except those <paramref name="reported"/> already.</summary>
    public void CheckAllowed(JsonObject obj, string location, string what, ISet<string> allowed, ISet<string>? reported = null)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key) && reported?.Contains(key) != true)
            {
                Error($"{location}/{key}", $"Field '{key}' is not allowed in {what}.");
            }
        }
    }

    public string? String(JsonObject obj, string field, string location, bool required = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            if (required)
            {
                Error(location, $"Missing required field '{field}'.");
            }
            return null;
        }
        if (Json.IsString(node, out var value))
        {
            return value;
        }
        Error($"{location}/{field}", $"Field '{field}' must be a string, but is {Json.TypeName(node)}.");
        return null;
    }

    public bool? Boolean(JsonObject obj, string field, string location)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (Json.IsBoolean(node, out var value))
        {
            return value;
        }
        Error($"{location}/{field}", $"Field '{field}' must be a boolean, but is {Json.TypeName(node)}.");
        return null;
    }

    public double? Number(JsonObject obj, string field, string location, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (!Json.IsNumber(node, out var value))
        {
            Error($"{location}/{field}", $"Field '{field}' must be a number, but is {Json.TypeName(node)}.");
            return null;
        }
        if (value < min || value > max)
        {
            Error($"{location}/{field}", $"Field '{field}' must be between {min} and {max}, but is {value}.");
            return null;
        }
        return value;
    }

    public int? Integer(JsonObject obj, string field, string location, long min = int.MinValue, long max = int.MaxValue)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (!Json.IsInteger(node, out var value))
        {
            Error($"{location}/{field}", $"Field '{field}' must be an integer, but is {Json.Serialize(node)}.");
            return null;
        }
        if (value < min || value > max)
        {
            Error($"{location}/{field}", $"Field '{field}' must be between {min} and {max}, but is {value}.");
            return null;
        }
        return (int)value;
    }

    public JsonObject? Object(JsonObject obj, string field, string location, bool required = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            if (required)
            {
                Error(location, $"Missing required field '{field}'.");
            }
            return null;
        }
        if (node is JsonObject value)
        {
            return value;
        }
        Error($"{location}/{field}", $"Field '{field}' must be an object, but is {Json.TypeName(node)}.");
        return null;
    }

    public JsonArray? Array(JsonObject obj, string field, string location, bool required = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            if (required)
            {
                Error(location, $"Missing required field '{field}'.");
            }
            return null;
        }
        if (node is JsonArray value)
        {
            return value;
        }
        Error($"{location}/{field}", $"Field '{field}' must be an array, but is {Json.TypeName(node)}.");
        return null;
    }

    /// <summary>InputPath/OutputPath/ItemsPath: a path, or null.</summary>
    public PathField PathOrNull(JsonObject obj, string field, string location)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return PathField.Root;
        }
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return PathField.Null;
        }
        var path = Path(obj, field, location, allowContext: true);
        return path is null ? PathField.Root : PathField.Of(path);
    }

    public ResultPathField ResultPath(JsonObject obj, string field, string location)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return ResultPathField.Root;
        }
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return ResultPathField.Discard;
        }
        var path = Path(obj, field, location, allowContext: false, requireDefinite: true);
        return path is null ? ResultPathField.Root : ResultPathField.Of(path);
    }

    public JsonPath? Path(JsonObject obj, string field, string location, bool allowContext = true, bool requireDefinite = false)
    {
        var text = String(obj, field, location);
        if (text is null)
        {
            return null;
        }
        if (!JsonPath.TryParse(text, out var path, out var error))
        {
            Error($"{location}/{field}", error!, DiagnosticCodes.InvalidPath);
            return null;
        }
        if (!allowContext && path!.IsContext)
        {
            Error($"{location}/{field}", $"Field '{field}' cannot refer to the context object ('{text}').", DiagnosticCodes.InvalidPath);
            return null;
        }
        if (requireDefinite && !path!.IsDefinite)
        {
            Error($"{location}/{field}", $"Field '{field}' must be a reference path (no wildcards or slices), but is '{text}'.", DiagnosticCodes.InvalidPath);
            return null;
        }
        return path;
    }

    public ValueExpression? Expression(JsonObject obj, string field, string location)
    {
        var text = String(obj, field, location);
        if (text is null)
        {
            return null;
        }
        try
        {
            return ValueExpression.Parse(text);
        }
        catch (PathSyntaxException e)
        {
            Error($"{location}/{field}", e.Message, DiagnosticCodes.InvalidPath);
            return null;
        }
    }

    public PayloadTemplate? Template(JsonObject obj, string field, string location)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (node is not JsonObject)
        {
            Error($"{location}/{field}", $"Field '{field}' must be an object, but is {Json.TypeName(node)}.");
            return null;
        }
        WarnMissingDollar(node, $"{location}/{field}");
        return PayloadTemplate.Compile(node, $"{location}/{field}", (loc, message) => Error(loc, message, DiagnosticCodes.InvalidPath));
    }

    /// <summary>Like AWS's NO_DOLLAR warning: a value that looks like a path on a key without <c>.$</c>.</summary>
    private void WarnMissingDollar(JsonNode? node, string location)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (!key.EndsWith(".$", StringComparison.Ordinal) && Json.IsString(value, out var s)
                    && (s.StartsWith("$.", StringComparison.Ordinal) || s == "$" || s.StartsWith("States.", StringComparison.Ordinal)))
                {
                    Warning($"{location}/{key}", $"The value '{s}' looks like a path or intrinsic function, but the key '{key}' does not end in '.$', so it is passed as a literal string.", DiagnosticCodes.NoDollar);
                }
                WarnMissingDollar(value, $"{location}/{key}");
            }
        }
    }

    /// <summary>A JSONata field (Arguments, Output, Items, Seconds, ...): its "{% %}" strings compiled. Each problem
    /// is reported at <paramref name="stateLocation"/> + the expression's own place: <paramref name="jsonataField"/>
    /// (default <paramref name="field"/>, e.g. "Catch[0]/Output") then object keys and array indexes.</summary>
    public QueryTemplate? Query(JsonObject obj, string field, string stateLocation, string? jsonataField = null, bool inCatch = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        return QueryTemplate.Compile(node, jsonataField ?? field, problem =>
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error,
                problem.Kind == QueryProblemKind.Invalid ? DiagnosticCodes.InvalidJsonataExpression : DiagnosticCodes.UnsupportedJsonataExpression,
                problem.Message, $"{stateLocation}/{problem.Field}") { Position = problem.Position }), inCatch);
    }

    /// <summary>A field that is a number in JSONPath states and a number or an expression in JSONata ones.</summary>
    public (int? Value, QueryTemplate? Query) IntegerOrQuery(JsonObject obj, string field, string location, QueryLanguage language, long min, long max)
    {
        if (language == QueryLanguage.Jsonata && obj.TryGetPropertyValue(field, out var node) && Json.IsString(node, out var text)
            && QueryTemplate.IsExpression(text, out _))
        {
            return (null, Query(obj, field, location));
        }
        return (Integer(obj, field, location, min, max), null);
    }

    /// <summary>Assign of a state (<paramref name="location"/> is the state's), a Choice rule or a Catcher
    /// (<paramref name="location"/> is the rule's or Catcher's, <paramref name="field"/> names it from the state,
    /// e.g. "Catch[0]/Assign"): variable names checked, values compiled in the state's query language.</summary>
    public Assignment? Assign(JsonObject obj, string location, QueryLanguage language, string field = "Assign", string? stateLocation = null, bool inCatch = false)
    {
        var assign = Object(obj, "Assign", location);
        if (assign is null)
        {
            return null;
        }
        foreach (var (key, _) in assign)
        {
            var name = language == QueryLanguage.JsonPath && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (Assignment.NameProblem(name) is { } problem)
            {
                Error($"{location}/Assign/{key}", problem, DiagnosticCodes.InvalidVariableName);
            }
        }
        return language == QueryLanguage.Jsonata
            ? new Assignment(null, Query(obj, "Assign", stateLocation ?? location, field, inCatch))
            : new Assignment(Template(obj, "Assign", location), null);
    }
}
