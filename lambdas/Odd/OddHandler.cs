using System.Globalization;
using Lambdas.Runtime;

namespace Lambdas.Odd;

/// <summary>Accepts odd numbers only: logs the number and its parity and echoes it back.</summary>
public sealed class OddHandler
{
    public static readonly InputContract Contract = new(
        """{"number": 7}""",
        new Dictionary<string, string> { ["number"] = "an integer (64-bit)" });

    public OddOutput Handle(OddInput input, ILambdaContext context)
    {
        var number = input.Number
            ?? throw new InvalidInputException($"Field 'number' is required and must be an integer. Expected a JSON object like {Contract.Example}.");
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (number % 2 == 0)
        {
            throw new WrongParityException($"{text} is even; the Odd function accepts odd numbers only. Send even numbers to the Even function.");
        }
        context.Logger.LogInformation($"number {text} is odd");
        return new OddOutput(number, "odd");
    }
}
