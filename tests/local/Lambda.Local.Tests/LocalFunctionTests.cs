using System.Text.Json;

namespace Lambda.Local.Tests;

/// <summary>The function host with real processes: cold/warm, logs, crashes, timeouts, environment.</summary>
public sealed class LocalFunctionTests
{
    [Fact]
    public async Task First_invocation_is_cold_and_later_ones_reuse_the_process()
    {
        await using var function = new LocalFunction(BashRuntime.Options());

        var cold = await function.InvokeAsync("""{"a":1}""");
        var pid = function.ProcessId;
        var warm = await function.InvokeAsync("""{"b":2}""");

        Assert.Equal("""{"a":1}""", cold.Payload);
        Assert.True(cold.Cold);
        Assert.NotNull(cold.InitDuration);
        Assert.Equal("""{"b":2}""", warm.Payload);
        Assert.False(warm.Cold);
        Assert.Null(warm.InitDuration);
        Assert.Equal(pid, function.ProcessId);
        Assert.NotEqual(cold.RequestId, warm.RequestId);
    }

    [Fact]
    public async Task Logs_hold_stdout_and_stderr_of_each_invocation_and_init_on_the_cold_one()
    {
        await using var function = new LocalFunction(BashRuntime.Options());

        var cold = await function.InvokeAsync("{}");
        var warm = await function.InvokeAsync("{}");

        Assert.Equal(["init bash-fn", $"handling {cold.RequestId}", $"stderr {cold.RequestId}"], cold.Logs);
        Assert.Equal([$"handling {warm.RequestId}", $"stderr {warm.RequestId}"], warm.Logs);
        Assert.Equal(5, function.AllLogs.Count);
    }

    [Fact]
    public async Task Process_gets_lambdas_environment_not_the_callers()
    {
        Environment.SetEnvironmentVariable("LAMBDA_LOCAL_TEST_PARENT", "leaked");
        await using var function = new LocalFunction(BashRuntime.Options(new() { ["EXTRA"] = "from-options" }));

        var result = await function.InvokeAsync("""{"env":true}""");

        using var json = JsonDocument.Parse(result.Payload!);
        var root = json.RootElement;
        Assert.Equal("bash-fn", root.GetProperty("name").GetString());
        Assert.Equal("256", root.GetProperty("memory").GetString());
        Assert.Equal("Text", root.GetProperty("format").GetString());
        Assert.Equal("unset", root.GetProperty("parent").GetString());
        Assert.Equal("from-options", root.GetProperty("extra").GetString());
        Assert.Equal(Path.GetDirectoryName(BashRuntime.Path), root.GetProperty("root").GetString());
    }

    [Fact]
    public async Task Crash_during_an_invocation_is_a_Runtime_ExitError_and_the_next_one_starts_fresh()
    {
        await using var function = new LocalFunction(BashRuntime.Options());
        await function.InvokeAsync("{}");

        var crashed = await function.InvokeAsync("""{"crash":true}""");
        var next = await function.InvokeAsync("{}");

        Assert.Equal("Runtime.ExitError", crashed.Error!.ErrorType);
        Assert.Contains("exit status 9", crashed.Error.ErrorMessage);
        Assert.Equal(ErrorOrigin.Runtime, crashed.Error.Origin);
        Assert.Contains($"handling {crashed.RequestId}", crashed.Logs);
        Assert.True(next.Cold);
        Assert.Equal("{}", next.Payload);
    }

    [Fact]
    public async Task Exit_during_init_is_a_Runtime_ExitError()
    {
        await using var function = new LocalFunction(BashRuntime.Options(new() { ["INIT_EXIT"] = "4" }));

        var result = await function.InvokeAsync("{}");

        Assert.Equal("Runtime.ExitError", result.Error!.ErrorType);
        Assert.Contains("exit status 4", result.Error.ErrorMessage);
        Assert.Equal(["init bash-fn"], result.Logs);
    }

    [Fact]
    public async Task Invocation_over_the_timeout_is_Sandbox_Timedout_and_the_process_is_replaced()
    {
        await using var function = new LocalFunction(BashRuntime.Options(timeout: TimeSpan.FromSeconds(1)));
        await function.InvokeAsync("{}");
        var pid = function.ProcessId;

        var result = await function.InvokeAsync("""{"hang":true}""");

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        Assert.Contains("Task timed out after 1.00 seconds", result.Error.ErrorMessage);
        Assert.Null(function.ProcessId);
        var next = await function.InvokeAsync("{}");
        Assert.True(next.Cold);
        Assert.NotEqual(pid, function.ProcessId);
    }

    [Fact]
    public async Task Init_over_the_init_timeout_is_Sandbox_Timedout()
    {
        await using var function = new LocalFunction(BashRuntime.Options(new() { ["INIT_HANG"] = "1" }, initTimeout: TimeSpan.FromMilliseconds(500)));

        var result = await function.InvokeAsync("{}");

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        Assert.Contains("Init timed out", result.Error.ErrorMessage);
    }

    [Fact]
    public async Task Request_over_6_MB_is_refused_without_starting_a_process()
    {
        await using var function = new LocalFunction(BashRuntime.Options());

        var result = await function.InvokeAsync(new string('x', RuntimeApiServer.MaxPayloadBytes + 1));

        Assert.Equal("RequestTooLargeException", result.Error!.ErrorType);
        Assert.Equal(ErrorOrigin.Service, result.Error.Origin);
        Assert.Null(function.ProcessId);
    }

    [Fact]
    public async Task Missing_bootstrap_says_how_to_get_one()
    {
        await using var function = new LocalFunction(new LocalFunctionOptions { BootstrapPath = "/nonexistent/bootstrap" });

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => function.InvokeAsync("{}"));

        Assert.Contains("Publish the function first", error.Message);
    }
}
