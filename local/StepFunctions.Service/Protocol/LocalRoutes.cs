using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Protocol;

/// <summary>What the console's two local-only GET routes (<see cref="LiveStream"/>, <see cref="TaskLogsRoute"/>)
/// share: the execution named by <c>?executionArn=</c>, or AWS's error shape when there is none.</summary>
internal static class LocalRoutes
{
    /// <summary>The execution of <c>?executionArn=</c>; null after answering 404 (no such execution) or 400 (not an
    /// execution ARN) with <c>{"__type", "message"}</c>, as the API would.</summary>
    public static async Task<ExecutionRecord?> ExecutionAsync(HttpContext http, LocalService service)
    {
        try
        {
            return service.Execution(http.Request.Query["executionArn"].ToString());
        }
        catch (ApiException e)
        {
            await ErrorAsync(http, e.Code == "ExecutionDoesNotExist" ? 404 : 400, e.Type, e.Message);
            return null;
        }
    }

    /// <summary>Answers with AWS's error shape.</summary>
    public static Task ErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ApiEndpoint.ContentType;
        return http.Response.WriteAsync(Json.Serialize(new System.Text.Json.Nodes.JsonObject { ["__type"] = type, ["message"] = message }), http.RequestAborted);
    }
}
