using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>GetExecutionHistory: pages of events by id, either direction, with or without payloads.</summary>
public static class HistoryOperations
{
    public static Task<JsonObject> GetExecutionHistory(LocalService service, ApiRequest request)
    {
        var execution = service.Execution(request.Required("executionArn"));
        var pageSize = StateMachineOperations.PageSize(request);
        var reverse = request.Bool("reverseOrder") ?? false;
        var includeData = request.Bool("includeExecutionData") ?? true;
        var from = request.String("nextToken") is { } token ? ApiJson.ParseToken(token) : reverse ? long.MaxValue : 1;
        var rows = service.Store.GetEvents(execution.Sequence, from, pageSize + 1, reverse);
        var events = new JsonArray();
        foreach (var e in rows.Take(pageSize))
        {
            events.Add(ToApi(e, includeData));
        }
        var next = rows.Count > pageSize ? ApiJson.Token(rows[pageSize].Id) : null;
        return Task.FromResult(ApiJson.Object(("events", events), ("nextToken", next)));
    }

    /// <summary>An event as the API returns it: epoch-seconds timestamp, one <c>*EventDetails</c> member, no nulls.</summary>
    public static JsonObject ToApi(StoredEvent e, bool includeData = true)
    {
        var obj = new JsonObject
        {
            ["timestamp"] = ApiJson.Date(e.Timestamp),
            ["type"] = e.Type,
            ["id"] = e.Id,
            ["previousEventId"] = e.PreviousId,
        };
        if (e.DetailsName is not null && e.Details is not null && Json.Parse(e.Details) is JsonObject details)
        {
            foreach (var (name, value) in details.ToList())
            {
                if (value is null || (!includeData && name is "input" or "output"))
                {
                    details.Remove(name);
                }
            }
            obj[e.DetailsName] = details;
        }
        return obj;
    }
}
