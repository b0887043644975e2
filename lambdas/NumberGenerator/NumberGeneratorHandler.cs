using Lambdas.Runtime;

namespace Lambdas.NumberGenerator;

/// <summary>Draws a number uniformly from [min, max] (default 1..100) and says whether it is even.</summary>
public sealed class NumberGeneratorHandler(Random random)
{
    private const string Range = "an integer from 1 to 1000000";

    public static readonly InputContract Contract = new(
        """{"min": 1, "max": 100} (both optional, 1 <= min <= max <= 1000000)""",
        new Dictionary<string, string> { ["min"] = Range, ["max"] = Range });

    public NumberGeneratorOutput Handle(NumberGeneratorInput input, ILambdaContext context)
    {
        CheckInRange("min", input.Min);
        CheckInRange("max", input.Max);
        if (input.Min > input.Max)
        {
            throw new InvalidInputException(
                $"Field 'min' ({input.Min}) must not be greater than 'max' ({input.Max}); max defaults to {NumberGeneratorInput.DefaultMax} when omitted. Expected a JSON object like {Contract.Example}.");
        }
        // Next's upper bound is exclusive; Highest + 1 cannot overflow.
        var number = random.Next(input.Min, input.Max + 1);
        return new NumberGeneratorOutput(number, number % 2 == 0);
    }

    private static void CheckInRange(string field, int value)
    {
        if (value is < NumberGeneratorInput.Lowest or > NumberGeneratorInput.Highest)
        {
            throw new InvalidInputException($"Field '{field}' must be {Range}, got {value}. Expected a JSON object like {Contract.Example}.");
        }
    }
}
