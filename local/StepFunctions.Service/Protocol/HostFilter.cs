using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StepFunctions.Service.Protocol;

/// <summary>
/// Against DNS rebinding: a page on <c>evil.example</c> that makes its name resolve to 127.0.0.1 reaches this
/// server as same-origin, but with <c>Host: evil.example</c>, so only the names of <see cref="Exposure"/> are
/// served. Browsers also send <c>Origin</c> on cross-origin requests (fetch, forms, EventSource): one that is
/// not this server's own is refused, so no other site can drive the API, read the logs or the stream.
/// </summary>
public static class HostFilter
{
    public static IApplicationBuilder UseHostFilter(this IApplicationBuilder app, Exposure exposure) =>
        app.Use(async (http, next) =>
        {
            var host = http.Request.Host;
            if (!host.HasValue || !exposure.Answers(host.Host))
            {
                await Refusal.WriteAsync(http, StatusCodes.Status421MisdirectedRequest, "MisdirectedRequestException",
                    $"This server does not answer to the host '{host.Host}'. If you reach it by that name on purpose, add it " +
                    "to ALLOWED_HOSTS (or --allowed-hosts), e.g. ALLOWED_HOSTS=" + (host.HasValue ? host.Host : "devbox.example.com") + ".");
                return;
            }
            var origin = http.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !string.Equals(origin, $"{http.Request.Scheme}://{host.Value}", StringComparison.OrdinalIgnoreCase))
            {
                await Refusal.WriteAsync(http, StatusCodes.Status403Forbidden, "AccessDeniedException",
                    $"Cross-origin requests are refused: this page ({origin}) is not the server's own console " +
                    $"({http.Request.Scheme}://{host.Value}). Open the console at that address, or call the API from a client (the AWS CLI or an SDK).");
                return;
            }
            await next(http);
        });
}
