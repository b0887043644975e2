using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations.DynamoDb;

namespace Workflows.Local;

/// <summary>One job of an orchestrator run as its record in the runs table says (status, attempts, start, end, error).</summary>
public sealed record JobRow(string Name, string Status, int Attempts, DateTimeOffset? Started, DateTimeOffset? Ended, string Error)
{
    public TimeSpan? Duration => Started is { } start && Ended is { } end ? end - start : null;
}

/// <summary>
/// An orchestrator run's jobs for make run's job table (printed by the CLI after the tree): read from the runs table (the source
/// for "what happened in run X"), in manifest order. A job without a record did not start in this run:
/// SKIPPED when the run was skipped for its series (overlap), else not shown.
/// </summary>
public static class JobRecords
{
    /// <summary>The run's jobs; empty when the input is no manifest (an invalid one, or another workflow's).</summary>
    public static IReadOnlyList<JobRow> Read(RunPaths paths, Deployment deployment, JsonNode? manifest, bool skipped)
    {
        if (manifest?["run_id"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || manifest["jobs"] is not JsonArray jobs
            || TemplateValues.Resolve(deployment, LocalResources.RunsTableSource) is not { } table || !File.Exists(paths.DynamoDbTables))
        {
            return [];
        }
        var runId = manifest["run_id"]!.GetValue<string>();
        var tables = new LocalDynamoDbTables(paths.DynamoDbTables, LocalResources.Tables(deployment));
        var rows = new List<JobRow>();
        foreach (var name in jobs.Select(j => j?["name"]).OfType<JsonValue>().Select(n => n.ToString()))
        {
            var key = new JsonObject { ["run_id"] = new JsonObject { ["S"] = runId }, ["record"] = new JsonObject { ["S"] = "JOB#" + name } };
            if (tables.GetItem(new JsonObject { ["TableName"] = table, ["Key"] = key })["Item"] is JsonObject item)
            {
                rows.Add(new JobRow(name, Text(item, "status"), int.Parse(Attribute(item, "attempts", "N") ?? "0", CultureInfo.InvariantCulture),
                    Time(item, "started_at"), Time(item, "ended_at"), Text(item, "error")));
            }
            else if (skipped)
            {
                rows.Add(new JobRow(name, "SKIPPED", 0, null, null, ""));
            }
        }
        return rows;
    }

    private static string Text(JsonObject item, string name) => Attribute(item, name, "S") ?? "";

    private static string? Attribute(JsonObject item, string name, string type) => item[name]?[type]?.GetValue<string>();

    private static DateTimeOffset? Time(JsonObject item, string name) =>
        DateTimeOffset.TryParse(Text(item, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
