using System.Globalization;
using Lambdas.Odd;
using Lambdas.Runtime;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.Odd;

public sealed class OddHandlerTests
{
    private static JsonHandler<OddInput, OddOutput> Handler() => JsonHandler.Create(
        new OddHandler().Handle, OddJsonContext.Default.OddInput, OddJsonContext.Default.OddOutput, OddHandler.Contract);

    [Theory]
    [InlineData(1L)]
    [InlineData(-3L)]
    [InlineData(9223372036854775807L)]
    public async Task Accepts_odd_numbers_logs_them_and_echoes_them(long number)
    {
        var context = new TestContext();
        var text = number.ToString(CultureInfo.InvariantCulture);

        var json = await Invoke.RawAsync(Handler(), $"{{\"number\": {text}}}", context);

        Assert.Equal($"{{\"number\":{text},\"parity\":\"odd\"}}", json);
        var record = Assert.Single(context.Records);
        Assert.Equal((LogLevel.Information, $"number {text} is odd"), record);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(2L)]
    [InlineData(-4L)]
    [InlineData(long.MinValue)]
    public async Task Rejects_even_numbers_with_WrongParityException(long number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);

        var error = await Invoke.FailsAsync<WrongParityException>(Handler(), $"{{\"number\": {text}}}");

        Assert.Equal("WrongParityException", ErrorReport.From(error).ErrorType);
        Assert.StartsWith($"{text} is even", error.Message);
    }

    [Theory]
    [MemberData(nameof(ParityBadInput.Cases), MemberType = typeof(ParityBadInput))]
    public async Task Bad_input_is_an_InvalidInputException_that_says_what_is_wrong(string body, string expected)
    {
        var error = await Invoke.FailsAsync<InvalidInputException>(Handler(), body);

        Assert.Contains(expected, error.Message);
        Assert.Contains("Expected a JSON object like", error.Message);
    }
}
