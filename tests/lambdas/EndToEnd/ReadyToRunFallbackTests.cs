using System.Text.Json;
using Lambda.Local;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.EndToEnd;

/// <summary>
/// The ReadyToRun fallback (PublishAot=false, for machines without the Native AOT toolchain) of one function, as a
/// real process on the real Runtime API: it must keep behaving like the shipped build.
/// </summary>
public sealed class ReadyToRunFallbackTests
{
    // The marker the .NET host looks for in a single-file bundle: SHA-256 of ".net core bundle".
    private static readonly byte[] BundleSignature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    private static async Task<LocalFunction> StartAsync() =>
        new(new LocalFunctionOptions
        {
            BootstrapPath = await PublishedBootstraps.ReadyToRunFallbackOfAsync("even"),
            FunctionName = "even",
            Timeout = TimeSpan.FromSeconds(30),
            InitTimeout = TimeSpan.FromSeconds(60),
        });

    [Fact]
    public async Task The_switch_gives_a_single_file_bundle_where_the_shipped_build_is_native_code()
    {
        var fallback = await File.ReadAllBytesAsync(await PublishedBootstraps.ReadyToRunFallbackOfAsync("even"));
        var shipped = await File.ReadAllBytesAsync(await PublishedBootstraps.PathOfAsync("even"));

        Assert.True(fallback.AsSpan().IndexOf(BundleSignature) >= 0, "the fallback is not a single-file bundle");
        Assert.True(shipped.AsSpan().IndexOf(BundleSignature) < 0, "the shipped bootstrap is a single-file bundle, not Native AOT");
    }

    [Fact]
    public async Task Answers_cold_then_warm_and_logs_like_the_shipped_build()
    {
        await using var function = await StartAsync();

        var cold = await function.InvokeAsync("""{"number": 42}""");
        var warm = await function.InvokeAsync("""{"number": 8}""");

        Assert.True(cold.Cold);
        Assert.False(warm.Cold);
        Assert.Equal("""{"number":42,"parity":"even"}""", cold.Payload);
        Assert.Equal([cold.RequestId, "info", "number 42 is even"], Assert.Single(cold.Logs).Split('\t')[1..]);
        Assert.Equal("""{"number":8,"parity":"even"}""", warm.Payload);
    }

    [Fact]
    public async Task Errors_are_structured_with_the_handler_in_the_stack_trace_and_the_process_keeps_serving()
    {
        await using var function = await StartAsync();

        var wrong = await function.InvokeAsync("""{"number": 7}""");
        var bad = await function.InvokeAsync("""{"number": "seven"}""");
        var good = await function.InvokeAsync("""{"number": 2}""");

        Assert.Equal("WrongParityException", wrong.Error!.ErrorType);
        using var json = JsonDocument.Parse(wrong.Error.Json);
        Assert.StartsWith("at Lambdas.Even.EvenHandler.Handle(", json.RootElement.GetProperty("stackTrace")[0].GetString());
        Assert.Equal("InvalidInputException", bad.Error!.ErrorType);
        Assert.Contains("Field 'number' must be an integer", bad.Error.ErrorMessage);
        Assert.True(good.Succeeded);
        Assert.False(good.Cold);
    }
}
