using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StepFunctions.Service.Protocol;

/// <summary>
/// When the server listens beyond loopback (<c>HOST=0.0.0.0</c>), every request must carry its access token,
/// from loopback clients too (a proxy or a rebound page reaches it from loopback). Clients send it as the AWS
/// access key id (<c>AWS_ACCESS_KEY_ID=&lt;token&gt;</c>: the CLI and SDKs put it in the signature's
/// <c>Credential=</c>); the browser opens <c>/?token=&lt;token&gt;</c> once and then sends it as a cookie that only
/// this origin gets (HttpOnly, SameSite=Strict). A loopback server needs none.
/// </summary>
public static class AccessToken
{
    public const string Cookie = "sfn-token";
    private const string Query = "token";
    private const string CredentialField = "Credential=";

    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, Exposure exposure) =>
        !exposure.Exposed ? app : app.Use(async (http, next) =>
        {
            if (http.Request.Method == HttpMethods.Get && http.Request.Query.TryGetValue(Query, out var given) && exposure.IsToken(given.ToString()))
            {
                // Trade the link for the cookie, and drop the token from the address bar and history.
                http.Response.Cookies.Append(Cookie, exposure.Token!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Redirect(http.Request.PathBase + http.Request.Path);
                return;
            }
            if (exposure.IsToken(http.Request.Cookies[Cookie]) || exposure.IsToken(AccessKeyId(http.Request.Headers.Authorization.ToString())))
            {
                await next(http);
                return;
            }
            await Refusal.WriteAsync(http, StatusCodes.Status401Unauthorized, "UnrecognizedClientException",
                $"This server listens beyond loopback ({exposure.Address}), so every request needs its access token (printed at start, " +
                "or SFN_TOKEN): the AWS CLI and SDKs send it as the access key id (AWS_ACCESS_KEY_ID=<token>), a browser opens " +
                "/?token=<token> once. To serve this machine only, start without HOST (127.0.0.1).");
        });

    /// <summary>The access key id of a SigV4 <c>Authorization</c> header: <c>AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, …</c>.</summary>
    internal static ReadOnlySpan<char> AccessKeyId(string authorization)
    {
        var start = authorization.IndexOf(CredentialField, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        var credential = authorization.AsSpan(start + CredentialField.Length);
        var slash = credential.IndexOf('/');
        return slash < 0 ? [] : credential[..slash];
    }
}
