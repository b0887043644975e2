using System.Net;
using System.Text;
using System.Text.Json;

namespace Lambda.Local.Tests;

/// <summary>The Runtime API server over real HTTP, with HttpClient playing the runtime.</summary>
public sealed class RuntimeApiServerTests : IAsyncLifetime
{
    private RuntimeApiServer server = null!;
    private HttpClient runtime = null!;

    public async Task InitializeAsync()
    {
        this.server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { FunctionArn = "arn:aws:lambda:us-east-1:1:function:f" });
        this.runtime = new HttpClient { BaseAddress = new Uri($"http://{this.server.RuntimeApi}/2018-06-01/runtime/") };
    }

    public async Task DisposeAsync()
    {
        this.runtime.Dispose();
        await this.server.DisposeAsync();
    }

    [Fact]
    public async Task Starting_servers_watches_no_files()
    {
        // Issue #24: a host that watched its content root for configuration changes woke on every SQLite write
        // of the service, once per instance. A server must add no inotify instance to the process.
        var before = InotifyInstances();
        var servers = new List<RuntimeApiServer>();
        for (var i = 0; i < 3; i++)
        {
            servers.Add(await RuntimeApiServer.StartAsync());
        }
        var during = InotifyInstances();
        foreach (var started in servers)
        {
            await started.DisposeAsync();
        }

        Assert.Equal(before, during);
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is "anon_inode:inotify");

    [Fact]
    public async Task Listens_on_loopback()
    {
        Assert.StartsWith("127.0.0.1:", this.server.RuntimeApi);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Next_delivers_the_event_with_lambdas_headers_and_response_completes_it()
    {
        var pending = this.server.Enqueue("id-1", """{"n":1}"""u8.ToArray(), TimeSpan.FromSeconds(5), "Root=1-a-b");

        using var next = await this.runtime.GetAsync("invocation/next");
        var body = await next.Content.ReadAsStringAsync();
        using var posted = await this.runtime.PostAsync("invocation/id-1/response", new StringContent("""{"ok":1}"""));
        var outcome = await pending.Completion.Task;

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("""{"n":1}""", body);
        Assert.Equal("id-1", next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single());
        Assert.Equal("arn:aws:lambda:us-east-1:1:function:f", next.Headers.GetValues("Lambda-Runtime-Invoked-Function-Arn").Single());
        Assert.Equal("Root=1-a-b", next.Headers.GetValues("Lambda-Runtime-Trace-Id").Single());
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(next.Headers.GetValues("Lambda-Runtime-Deadline-Ms").Single()));
        Assert.InRange(deadline, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(6));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("""{"ok":1}""", Encoding.UTF8.GetString(outcome.Response!));
    }

    [Fact]
    public async Task Error_post_becomes_a_structured_error()
    {
        var pending = this.server.Enqueue("id-2", "{}"u8.ToArray(), TimeSpan.FromSeconds(5));
        (await this.runtime.GetAsync("invocation/next")).Dispose();
        var content = new StringContent("""{"errorMessage":"nope","errorType":"MyError","stackTrace":["at X"]}""");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "MyError");

        using var posted = await this.runtime.PostAsync("invocation/id-2/error", content);
        var error = (await pending.Completion.Task).Error!;

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(("MyError", "nope"), (error.ErrorType, error.ErrorMessage));
        Assert.Equal(["at X"], error.StackTrace);
        Assert.Equal("""{"errorMessage":"nope","errorType":"MyError","stackTrace":["at X"]}""", error.Json);
    }

    [Fact]
    public async Task Error_body_that_is_not_json_keeps_the_header_type_and_the_text()
    {
        var pending = this.server.Enqueue("id-3", "{}"u8.ToArray(), TimeSpan.FromSeconds(5));
        (await this.runtime.GetAsync("invocation/next")).Dispose();
        var content = new StringContent("plain failure");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Runtime.Custom");

        (await this.runtime.PostAsync("invocation/id-3/error", content)).Dispose();
        var error = (await pending.Completion.Task).Error!;

        Assert.Equal(("Runtime.Custom", "plain failure"), (error.ErrorType, error.ErrorMessage));
        using var json = JsonDocument.Parse(error.Json);
        Assert.Equal("plain failure", json.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Unknown_request_id_is_a_400_and_unknown_route_a_404()
    {
        using var unknownId = await this.runtime.PostAsync("invocation/nope/response", new StringContent("{}"));
        using var unknownRoute = await this.runtime.GetAsync("invocation/whatever");

        Assert.Equal(HttpStatusCode.BadRequest, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
    }

    [Fact]
    public async Task Response_over_6_MB_is_a_413_and_the_invocation_stays_open()
    {
        var pending = this.server.Enqueue("id-4", "{}"u8.ToArray(), TimeSpan.FromSeconds(5));
        (await this.runtime.GetAsync("invocation/next")).Dispose();

        using var tooLarge = await this.runtime.PostAsync("invocation/id-4/response", new ByteArrayContent(new byte[RuntimeApiServer.MaxPayloadBytes + 1]));
        using var error = await this.runtime.PostAsync("invocation/id-4/error", new StringContent("""{"errorMessage":"big","errorType":"Function.ResponseSizeTooLarge"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("Function.ResponseSizeTooLarge", (await pending.Completion.Task).Error!.ErrorType);
    }

    [Fact]
    public async Task Init_error_fails_queued_and_later_invocations()
    {
        var queued = this.server.Enqueue("id-5", "{}"u8.ToArray(), TimeSpan.FromSeconds(5));
        var content = new StringContent("""{"errorMessage":"no config","errorType":"ConfigException","stackTrace":[]}""");

        using var posted = await this.runtime.PostAsync("init/error", content);
        var later = this.server.Enqueue("id-6", "{}"u8.ToArray(), TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("ConfigException", (await this.server.InitError).ErrorType);
        Assert.Equal("ConfigException", (await queued.Completion.Task).Error!.ErrorType);
        Assert.Equal("ConfigException", (await later.Completion.Task).Error!.ErrorType);
    }

    [Fact]
    public async Task Next_status_override_answers_every_next_with_it()
    {
        this.server.NextStatusOverride = HttpStatusCode.InternalServerError;

        using var next = await this.runtime.GetAsync("invocation/next");

        Assert.Equal(HttpStatusCode.InternalServerError, next.StatusCode);
    }
}
