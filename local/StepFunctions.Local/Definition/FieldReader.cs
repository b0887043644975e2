using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;
using StepFunctions.Local.Settings;

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
        if (Literals.String(node, field, out var value, out var problem))
        {
            return value;
        }
        Error($"{location}/{field}", problem);
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
        if (Literals.Number(node, field, min, max, out var value, out var problem))
        {
            return value;
        }
        Error($"{location}/{field}", problem);
        return null;
    }

    public int? Integer(JsonObject obj, string field, string location, long min = int.MinValue, long max = int.MaxValue)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (Literals.Integer(node, field, min, max, out var value, out var problem))
        {
            return (int)value;
        }
        Error($"{location}/{field}", problem);
        return null;
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

    /// <summary>A setting in the form the definition gives it: the <see cref="SettingKind{T}.PathField"/> path
    /// when there is one, else <see cref="SettingValue{T}"/>; null when the state has neither.</summary>
    public Setting<T>? SettingField<T>(JsonObject obj, SettingKind<T> kind, string location, QueryLanguage language)
    {
        var value = SettingValue(obj, kind, location, language);
        return Path(obj, kind.PathField, location, requireDefinite: true) is { } path ? new PathSetting<T>(path, kind) : value;
    }

    /// <summary>The setting written in <see cref="SettingKind{T}.Field"/>: a JSONata template when the state is
    /// JSONata and the kind says so, else a literal checked now.</summary>
    public Setting<T>? SettingValue<T>(JsonObject obj, SettingKind<T> kind, string location, QueryLanguage language)
    {
        if (!obj.TryGetPropertyValue(kind.Field, out var node))
        {
            return null;
        }
        if (language == QueryLanguage.Jsonata && kind.IsQuery(node))
        {
            return Query(obj, kind.Field, location) is { } query ? new QuerySetting<T>(query, kind) : null;
        }
        if (kind.TryLiteral(node, out var value, out var problem))
        {
            return new LiteralSetting<T>(value);
        }
        Error($"{location}/{kind.Field}", problem);
        return null;
    }

    /// <summary>A JSONPath Assign of a state, a Choice rule or a Catcher (<paramref name="location"/> is theirs):
    /// names checked (keys may end in <c>.$</c>), values compiled as a payload template.</summary>
    public PayloadTemplate? AssignPaths(JsonObject obj, string location) =>
        AssignNames(obj, location, QueryLanguage.JsonPath) ? Template(obj, "Assign", location) : null;

    /// <summary>A JSONata Assign (<paramref name="location"/> is the state's, a rule's or a Catcher's;
    /// <paramref name="field"/> names it from the state, e.g. "Catch[0]/Assign", for diagnostics at
    /// <paramref name="stateLocation"/>): names checked, values compiled.</summary>
    public QueryTemplate? AssignQuery(JsonObject obj, string location, string field = "Assign", string? stateLocation = null, bool inCatch = false) =>
        AssignNames(obj, location, QueryLanguage.Jsonata) ? Query(obj, "Assign", stateLocation ?? location, field, inCatch) : null;

    /// <summary>Reports every variable name Assign may not bind; false when there is no Assign.</summary>
    private bool AssignNames(JsonObject obj, string location, QueryLanguage language)
    {
        var assign = Object(obj, "Assign", location);
        if (assign is null)
        {
            return false;
        }
        foreach (var (key, _) in assign)
        {
            var name = language == QueryLanguage.JsonPath && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (VariableNames.Problem(name) is { } problem)
            {
                Error($"{location}/Assign/{key}", problem, DiagnosticCodes.InvalidVariableName);
            }
        }
        return true;
    }
}
