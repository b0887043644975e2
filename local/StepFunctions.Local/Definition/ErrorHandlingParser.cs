using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

/// <summary>Retry and Catch fields, with the spec's rules on ErrorEquals and States.ALL.</summary>
internal static class ErrorHandlingParser
{
    private static readonly HashSet<string> RetrierFields = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"];
    private static readonly HashSet<string> CatcherFields = ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign"];
    private static readonly HashSet<string> JsonataCatcherFields = ["ErrorEquals", "Next", "Output", "Comment", "Assign"];

    public static IReadOnlyList<Retrier> ParseRetry(JsonObject obj, string location, FieldReader reader)
    {
        var array = reader.Array(obj, "Retry", location);
        if (array is null)
        {
            return [];
        }
        var list = new List<Retrier>();
        for (var i = 0; i < array.Count; i++)
        {
            var loc = $"{location}/Retry[{i}]";
            if (array[i] is not JsonObject r)
            {
                reader.Error(loc, "A Retrier must be an object.");
                continue;
            }
            reader.CheckAllowed(r, loc, "a Retrier", RetrierFields);
            var errors = ParseErrorEquals(r, loc, reader, i == array.Count - 1);
            var jitter = reader.String(r, "JitterStrategy", loc);
            if (jitter is not null and not ("FULL" or "NONE"))
            {
                reader.Error($"{loc}/JitterStrategy", $"JitterStrategy must be FULL or NONE, but is '{jitter}'.");
            }
            list.Add(new Retrier(
                errors,
                reader.Integer(r, "IntervalSeconds", loc, 1, 99_999_999) ?? 1,
                reader.Integer(r, "MaxAttempts", loc, 0, 99_999_999) ?? 3,
                reader.Number(r, "BackoffRate", loc, 1.0, double.MaxValue) ?? 2.0,
                reader.Integer(r, "MaxDelaySeconds", loc, 1, 31_622_400),
                jitter == "FULL"));
        }
        return list;
    }

    public static IReadOnlyList<Catcher> ParseCatch(JsonObject obj, string location, FieldReader reader, QueryLanguage language)
    {
        var array = reader.Array(obj, "Catch", location);
        if (array is null)
        {
            return [];
        }
        var list = new List<Catcher>();
        for (var i = 0; i < array.Count; i++)
        {
            var loc = $"{location}/Catch[{i}]";
            if (array[i] is not JsonObject c)
            {
                reader.Error(loc, "A Catcher must be an object.");
                continue;
            }
            var jsonata = language == QueryLanguage.Jsonata;
            reader.CheckAllowed(c, loc, "a Catcher", jsonata ? JsonataCatcherFields : CatcherFields);
            var errors = ParseErrorEquals(c, loc, reader, i == array.Count - 1);
            var next = reader.String(c, "Next", loc, required: true);
            if (next is not null)
            {
                list.Add(new Catcher(errors, next, IoParser.Catcher(c, loc, location, i, reader, language)));
            }
        }
        return list;
    }

    private static string[] ParseErrorEquals(JsonObject obj, string location, FieldReader reader, bool isLast)
    {
        var array = reader.Array(obj, "ErrorEquals", location, required: true);
        if (array is null)
        {
            return [];
        }
        if (array.Count == 0)
        {
            reader.Error($"{location}/ErrorEquals", "ErrorEquals must name at least one error.");
        }
        var errors = new List<string>();
        foreach (var item in array)
        {
            if (Json.IsString(item, out var name))
            {
                errors.Add(name);
            }
            else
            {
                reader.Error($"{location}/ErrorEquals", "ErrorEquals entries must be strings.");
            }
        }
        if (errors.Contains(StatesErrors.All) && (errors.Count > 1 || !isLast))
        {
            reader.Error($"{location}/ErrorEquals", "States.ALL must appear alone in ErrorEquals, in the last Retrier or Catcher.");
        }
        return [.. errors];
    }
}
