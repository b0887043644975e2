using System.Numerics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Settings;

/// <summary>The definition-time checks of a literal field value, with the diagnostics' wording (ours: AWS's
/// schema messages are not published). Used by the settings and by the parser's other fields (Retry, the
/// machine's TimeoutSeconds).</summary>
public static class Literals
{
    public static bool Integer(JsonNode? node, string field, long min, long max, out long value, out string problem)
    {
        if (Json.IsInteger(node, out value))
        {
            return InRange(value, field, min, max, out problem);
        }
        problem = $"Field '{field}' must be an integer, but is {Json.Serialize(node)}.";
        return false;
    }

    public static bool Number(JsonNode? node, string field, double min, double max, out double value, out string problem)
    {
        if (Json.IsNumber(node, out value))
        {
            return InRange(value, field, min, max, out problem);
        }
        problem = $"Field '{field}' must be a number, but is {Json.TypeName(node)}.";
        return false;
    }

    public static bool String(JsonNode? node, string field, out string value, out string problem)
    {
        problem = "";
        if (Json.IsString(node, out value!))
        {
            return true;
        }
        value = "";
        problem = $"Field '{field}' must be a string, but is {Json.TypeName(node)}.";
        return false;
    }

    private static bool InRange<T>(T value, string field, T min, T max, out string problem) where T : INumber<T>
    {
        problem = value < min || value > max ? $"Field '{field}' must be between {min} and {max}, but is {value}." : "";
        return problem.Length == 0;
    }
}
