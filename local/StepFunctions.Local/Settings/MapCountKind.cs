using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Settings;

/// <summary>Map's MaxConcurrency and ToleratedFailureCount: a non-negative 32-bit integer. A path may find it
/// written as a string, as LocalStack accepts; <paramref name="negative"/> is AWS's cause for a negative one.</summary>
public sealed class MapCountKind(string field, Func<long, string> negative) : IntegerKind(field, 0, int.MaxValue)
{
    public override long FromPath(string path, JsonNode? value, StateContext context)
    {
        if (!Json.IsInteger(value, out var n) && !(Json.IsString(value, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The {PathField} field refers to value \"{Json.Describe(value)}\" which is not a valid integer: {path}");
        }
        if (n < 0)
        {
            throw StatesException.Runtime(context.CausePrefix + negative(n));
        }
        return n <= Max ? n : throw StatesException.Runtime($"{context.CausePrefix}{PathField} refers to {n}, above {Max}.");
    }

    // An expression may return a fraction: it is cut to its integer part.
    public override long FromQuery(string field, JsonNode? value, StateContext context) =>
        (long)NonNegativeNumber(field, value, context);
}
