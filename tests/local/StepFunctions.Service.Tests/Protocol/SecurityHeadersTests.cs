namespace StepFunctions.Service.Tests.Protocol;

/// <summary>Every answer (console pages, scripts, the API) carries the browser-hardening headers.</summary>
public sealed class SecurityHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly HttpClient Client = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/executions/deep/link")]
    public async Task Pages_and_scripts_allow_only_the_consoles_own_code_and_no_framing(string path)
    {
        using var response = await Client.GetAsync(fixture.Endpoint + path);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive.Split(' ')[1..]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(sources => sources), source => source is "'unsafe-inline'" or "'unsafe-eval'" or "*");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_API_answers_carry_them_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint + "/") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");

        using var response = await Client.SendAsync(request);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
