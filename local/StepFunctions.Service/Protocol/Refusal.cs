using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;

namespace StepFunctions.Service.Protocol;

/// <summary>A request the server will not serve, answered in AWS's error shape, so the AWS CLI and SDKs print
/// the message (which names the setting to change) instead of a bare status.</summary>
internal static class Refusal
{
    public static Task WriteAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ApiEndpoint.ContentType;
        http.Response.Headers["x-amzn-ErrorType"] = type;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(Json.Serialize(ApiEndpoint.Error(type, message)), http.RequestAborted);
    }
}
