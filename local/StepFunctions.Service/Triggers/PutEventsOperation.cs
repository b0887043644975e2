using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// EventBridge's <c>PutEvents</c> (JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>) with the one rule Terraform
/// deploys: an entry on the rule's bus whose event matches its pattern starts the orchestrator with the event's
/// detail (the target's input path); any other valid entry is accepted and dropped, as EventBridge drops an event no
/// rule matches. Each entry gets an <c>EventId</c>, or an <c>ErrorCode</c> and <c>ErrorMessage</c>, in the order sent.
/// </summary>
public static class PutEventsOperation
{
    /// <summary>Entries per request (EventBridge's limit).</summary>
    public const int MaxEntries = 10;

    /// <summary>The request's entries together, in bytes (EventBridge's limit on PutEvents).</summary>
    public const int MaxEntriesBytes = 256 * 1024;

    public static ApiService Api(LocalService service, OrchestratorTriggers triggers) => new("AWSEvents.", "application/x-amz-json-1.1",
        new Dictionary<string, Func<ApiRequest, Task<JsonObject>>>(StringComparer.Ordinal)
        {
            ["PutEvents"] = request => PutEventsAsync(service, triggers, request),
        });

    public static async Task<JsonObject> PutEventsAsync(LocalService service, OrchestratorTriggers triggers, ApiRequest request)
    {
        var entries = request.Body["Entries"] switch
        {
            null => throw ApiException.MissingMember("Entries"),
            JsonArray array => array,
            _ => throw new ApiException("SerializationException", "Expected a list for member 'Entries'."),
        };
        if (entries.Count is < 1 or > MaxEntries)
        {
            throw ApiException.Validation("entries", $"[{entries.Count} entries]", $"Member must have length less than or equal to {MaxEntries}" + (entries.Count == 0 ? " and greater than or equal to 1" : ""));
        }
        if (Encoding.UTF8.GetByteCount(entries.ToJsonString()) > MaxEntriesBytes)
        {
            throw new ApiException("ValidationException", $"Total size of the entries in the request is over the limit ({MaxEntriesBytes} bytes).");
        }
        var results = new JsonArray();
        var failed = 0;
        foreach (var node in entries)
        {
            var result = await PutAsync(service, triggers, node as JsonObject ?? throw new ApiException("SerializationException", "Each of 'Entries' must be an object.")).ConfigureAwait(false);
            failed += result.ContainsKey("ErrorCode") ? 1 : 0;
            results.Add(result);
        }
        return new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
    }

    private static async Task<JsonObject> PutAsync(LocalService service, OrchestratorTriggers triggers, JsonObject entry)
    {
        if ((Missing(entry, "Source") ?? Missing(entry, "DetailType") ?? Missing(entry, "Detail")) is { } missing)
        {
            return Failure("InvalidArgument", $"Parameter {missing} is not valid. Reason: {missing} is a required argument.");
        }
        JsonObject detail;
        try
        {
            detail = JsonNode.Parse(entry["Detail"]!.GetValue<string>()) as JsonObject
                ?? throw new JsonException("Detail must be a JSON object");
        }
        catch (JsonException)
        {
            return Failure("MalformedDetail", "Detail is malformed: it must be a JSON object's text, e.g. \"{\\\"run_id\\\": \\\"r1\\\", \\\"jobs\\\": [...]}\".");
        }
        var bus = entry["EventBusName"] is JsonValue name ? name.GetValue<string>() : "default";
        var onRuleBus = bus == triggers.EventBusName || bus == triggers.EventBusArn;
        if (!onRuleBus && bus != "default" && bus != Arn.Local("events", "event-bus/default").ToString())
        {
            return Failure("InvalidArgument", $"Event bus {bus} does not exist. This server has the default bus and {triggers.EventBusName}, where the {triggers.EventRuleName} rule is.");
        }
        var id = Guid.NewGuid().ToString();
        // The event as EventBridge delivers it to rules.
        var @event = new JsonObject
        {
            ["version"] = "0",
            ["id"] = id,
            ["detail-type"] = entry["DetailType"]!.GetValue<string>(),
            ["source"] = entry["Source"]!.GetValue<string>(),
            ["account"] = LocalAccount.Id,
            ["time"] = (entry["Time"] is JsonValue time && time.TryGetValue<double>(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : DateTimeOffset.UtcNow)
                .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = LocalAccount.Region,
            ["resources"] = entry["Resources"]?.DeepClone() ?? new JsonArray(),
            ["detail"] = detail,
        };
        if (onRuleBus && triggers.EventPattern.Matches(@event))
        {
            try
            {
                // The target's input path ($.detail): the manifest alone is the execution's input.
                await TriggerStart.StartAsync(service, triggers.TargetArn, detail.ToJsonString(), StartedBy.Event).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiException or DomainException)
            {
                // EventBridge has accepted the event; a target that fails is retried, then dropped, never reported here.
                Console.Error.WriteLine($"sfn-service: event {id} matched {triggers.EventRuleName} but could not start {triggers.TargetArn}: {e.Message}");
            }
        }
        return new JsonObject { ["EventId"] = id };
    }

    private static string? Missing(JsonObject entry, string member) =>
        entry[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0 ? null : member;

    private static JsonObject Failure(string code, string message) => new() { ["ErrorCode"] = code, ["ErrorMessage"] = message };
}
