using System.Globalization;
using Microsoft.AspNetCore.Http;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>
/// <c>GET /_local/executions/stream?executionArn=…</c>: an execution's history as Server-Sent Events, for the
/// web console. Each event is <c>event: history</c> with the GetExecutionHistory-shaped event as data and its id
/// as the SSE id (a reconnect's Last-Event-ID resumes after it); <c>event: end</c> carries the final
/// DescribeExecution status. It reads the store, so it shows exactly what is durable, across restarts too. Each open
/// stream reads the store every <see cref="PollInterval"/>, so at most <see cref="LocalService.LiveStreams"/> are open
/// at once; one more is refused with ThrottlingException (HTTP 400), as the API refuses what is beyond its bounds.
/// </summary>
public static class LiveStream
{
    public const string Path = "/_local/executions/stream";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The default of <c>--max-live-streams</c>.</summary>
    public const int DefaultMaxOpen = 64;

    public static async Task HandleAsync(HttpContext http, LocalService service)
    {
        var token = http.RequestAborted;
        ExecutionRecord execution;
        try
        {
            execution = service.Execution(http.Request.Query["executionArn"].ToString());
            service.LiveStreams.Take();
        }
        catch (DomainException e)
        {
            // AWS's error shape, with 404 for a missing execution and 400 for a malformed ARN or too many streams.
            var error = ApiException.From(e);
            http.Response.StatusCode = e.Error == DomainError.ExecutionDoesNotExist ? 404 : 400;
            http.Response.ContentType = ApiEndpoint.ContentType;
            await http.Response.WriteAsync(Json.Serialize(ApiEndpoint.Error(error.Type, error.Message)), token);
            return;
        }
        try
        {
            await StreamAsync(http, service, execution);
        }
        finally
        {
            service.LiveStreams.Release();
        }
    }

    private static async Task StreamAsync(HttpContext http, LocalService service, ExecutionRecord execution)
    {
        var token = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        try
        {
            while (!token.IsCancellationRequested)
            {
                // Read the status first: events committed with the final status are then sure to be read below.
                var status = service.Store.GetExecution(execution.Arn)?.Status ?? ExecutionStatus.Running;
                foreach (var e in service.Store.GetEvents(execution.Sequence, last + 1, 1000, reverse: false))
                {
                    await http.Response.WriteAsync($"id: {e.Id}\nevent: history\ndata: {Json.Serialize(HistoryOperations.ToApi(e))}\n\n", token);
                    last = e.Id;
                }
                if (status != ExecutionStatus.Running)
                {
                    await http.Response.WriteAsync($"event: end\ndata: {{\"status\":\"{status.ToApiName()}\"}}\n\n", token);
                    return;
                }
                await http.Response.Body.FlushAsync(token);
                await Task.Delay(PollInterval, token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}
