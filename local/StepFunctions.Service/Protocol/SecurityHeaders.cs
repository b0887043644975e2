using Microsoft.AspNetCore.Builder;

namespace StepFunctions.Service.Protocol;

/// <summary>
/// Headers on every answer: the console runs only its own scripts and styles (no inline code, nothing from
/// elsewhere, so an injected string cannot become script), may not be framed (no clickjacking of its Stop or
/// Redrive buttons), content types are taken as sent, and no Referer carries a <c>?token=</c> link elsewhere.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
}
