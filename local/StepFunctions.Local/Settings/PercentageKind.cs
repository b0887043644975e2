using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Settings;

/// <summary>Map's ToleratedFailurePercentage: 0 to 100. A path may find an integer written as a string, as
/// LocalStack accepts.</summary>
public sealed class PercentageKind() : SettingKind<double>("ToleratedFailurePercentage")
{
    private const double Max = 100;

    /// <summary>Any JSONata string is compiled: a literal one can only be wrong, and fails when it is read.</summary>
    public override bool IsQuery(JsonNode? node) => Json.IsString(node, out _);

    public override bool TryLiteral(JsonNode? node, out double value, out string problem) =>
        Literals.Number(node, Field, 0, Max, out value, out problem);

    public override double FromPath(string path, JsonNode? value, StateContext context)
    {
        if (!Json.IsNumber(value, out var percent) && !(Json.IsString(value, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && (percent = whole) == whole))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The {PathField} field refers to value \"{Json.Describe(value)}\" which is not a valid float: {path}");
        }
        return percent is >= 0 and <= Max
            ? percent
            : throw StatesException.Runtime($"{context.CausePrefix}{Field} must be between 0 and {Max}.");
    }

    public override double FromQuery(string field, JsonNode? value, StateContext context) => NonNegativeNumber(field, value, context);
}
