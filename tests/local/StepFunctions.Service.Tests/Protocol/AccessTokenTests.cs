using System.Net;
using System.Text.RegularExpressions;

namespace StepFunctions.Service.Tests.Protocol;

/// <summary>A server bound beyond loopback serves no request without its token, loopback clients included.</summary>
public sealed partial class AccessTokenTests : IAsyncLifetime
{
    private const string Token = "T0kenForTheExposedServer42";
    private ServerProcess? server;
    private string endpoint = "";

    public async Task InitializeAsync()
    {
        server = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["HOST"] = "0.0.0.0", ["SFN_TOKEN"] = Token });
        // Listening on every interface; the test reaches it over loopback, as a proxy or a rebound page would.
        endpoint = server.Endpoint.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await server!.DisposeAsync();

    [Fact]
    public async Task A_tokenless_request_is_refused_with_how_to_send_the_token()
    {
        var cli = await AwsCli.RunAsync(endpoint, "list-state-machines");
        using var client = new HttpClient();
        using var page = await client.GetAsync(endpoint + "/");

        Assert.Equal("UnrecognizedClientException", cli.ErrorCode);
        Assert.Contains("AWS_ACCESS_KEY_ID=<token>", cli.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.DoesNotContain(Token, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        var cli = await AwsCli.RunWithKeyAsync(endpoint, Token[..^1] + "X", "list-state-machines");

        Assert.Equal("UnrecognizedClientException", cli.ErrorCode);
    }

    [Fact]
    public async Task The_AWS_CLI_sends_the_token_as_its_access_key_id()
    {
        var listed = await AwsCli.RunWithKeyAsync(endpoint, Token, "list-state-machines");

        Assert.NotEmpty(listed.Ok["stateMachines"]!.AsArray());
    }

    [Fact]
    public async Task A_browser_trades_the_token_link_for_a_cookie_that_opens_the_console()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler);

        using var link = await browser.GetAsync(endpoint + "/?token=" + Token);
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/", link.Headers.Location!.OriginalString);
        var cookie = Assert.Single(link.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await browser.GetAsync(endpoint + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var api = new HttpRequestMessage(HttpMethod.Post, endpoint + "/") { Content = new StringContent("{}") };
        api.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var listed = await browser.SendAsync(api);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public void The_start_prints_a_warning_with_the_token_and_how_to_use_it()
    {
        Assert.Contains("WARNING: listening on 0.0.0.0", server!.Output, StringComparison.Ordinal);
        Assert.Contains($"AWS_ACCESS_KEY_ID={Token}", server.Output, StringComparison.Ordinal);
        Assert.Contains($"/?token={Token}", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_SFN_TOKEN_an_unguessable_token_is_made_and_printed()
    {
        await using var exposed = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["HOST"] = "0.0.0.0" });
        var made = MadeToken().Match(exposed.Output);
        Assert.True(made.Success, exposed.Output);

        var listed = await AwsCli.RunWithKeyAsync(exposed.Endpoint.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), made.Groups[1].Value, "list-state-machines");

        Assert.NotNull(listed.Ok);
    }

    [Fact]
    public async Task A_token_that_cannot_be_an_access_key_id_stops_the_start_with_the_fix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["HOST"] = "0.0.0.0", ["SFN_TOKEN"] = "short/one" }));

        Assert.Contains("SFN_TOKEN must be 16 to 128 letters and digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_loopback_default_needs_no_token()
    {
        await using var local = await ServerProcess.StartAsync();

        var listed = await AwsCli.RunAsync(local.Endpoint, "list-state-machines");

        Assert.NotNull(listed.Ok);
        Assert.DoesNotContain("WARNING", local.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("AWS_ACCESS_KEY_ID=([0-9A-F]{40}) ")]
    private static partial Regex MadeToken();
}
