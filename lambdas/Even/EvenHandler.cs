using System.Globalization;
using Lambdas.Runtime;

namespace Lambdas.Even;

/// <summary>Accepts even numbers only: logs the number and its parity and echoes it back.</summary>
public sealed class EvenHandler
{
    public static readonly InputContract Contract = new(
        """{"number": 42}""",
        new Dictionary<string, string> { ["number"] = "an integer (64-bit)" });

    public EvenOutput Handle(EvenInput input, ILambdaContext context)
    {
        var number = input.Number
            ?? throw new InvalidInputException($"Field 'number' is required and must be an integer. Expected a JSON object like {Contract.Example}.");
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (number % 2 != 0)
        {
            throw new WrongParityException($"{text} is odd; the Even function accepts even numbers only. Send odd numbers to the Odd function.");
        }
        context.Logger.LogInformation($"number {text} is even");
        return new EvenOutput(number, "even");
    }
}
