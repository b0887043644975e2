using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;
using Aws.Local;

namespace StepFunctions.Service.Operations;

/// <summary>
/// The part of CloudWatch Logs (JSON 1.1, <c>X-Amz-Target: Logs_20140328.&lt;Operation&gt;</c>) that reads what the
/// local Lambdas logged: the groups Terraform creates for the functions (<c>/aws/lambda/&lt;name&gt;</c>), a stream
/// per function instance, and START, the function's lines, END and REPORT per invocation. The web console finds
/// a step's lines as one would on AWS: FilterLogEvents on the function's group, by the request id in the step's
/// output, within the attempt's time.
/// </summary>
public static class LogsOperations
{
    /// <summary>Events FilterLogEvents reads per call at most, matched or not; past it the answer carries a
    /// nextToken (possibly with no events), as CloudWatch's does when a search is long.</summary>
    private const int ScanPerCall = 10_000;

    public static IReadOnlyDictionary<string, Func<LocalService, ApiRequest, Task<JsonObject>>> Operations { get; } =
        new Dictionary<string, Func<LocalService, ApiRequest, Task<JsonObject>>>(StringComparer.Ordinal)
        {
            ["DescribeLogGroups"] = (service, request) => Task.FromResult(DescribeLogGroups(service.Store, request)),
            ["DescribeLogStreams"] = (service, request) => Task.FromResult(DescribeLogStreams(service.Store, request)),
            ["FilterLogEvents"] = (service, request) => Task.FromResult(FilterLogEvents(service.Store, request)),
            ["GetLogEvents"] = (service, request) => Task.FromResult(GetLogEvents(service.Store, request)),
        };

    public static JsonObject DescribeLogGroups(SqliteStore store, ApiRequest request)
    {
        var limit = request.Int("limit", 1, 50) ?? 50;
        var groups = store.ListLogGroups(request.Bounded("logGroupNamePrefix", 1, 512), Token(request, "g"), limit + 1);
        var response = new JsonObject
        {
            ["logGroups"] = new JsonArray([.. groups.Take(limit).Select(g => (JsonNode?)new JsonObject
            {
                ["logGroupName"] = g.Name,
                ["creationTime"] = g.CreationTime,
                ["metricFilterCount"] = 0,
                ["arn"] = GroupArn(g.Name) + ":*",
                ["storedBytes"] = g.StoredBytes,
                ["logGroupClass"] = "STANDARD",
                ["logGroupArn"] = GroupArn(g.Name),
            })]),
        };
        if (groups.Count > limit)
        {
            response["nextToken"] = $"g/{groups[limit - 1].Name}";
        }
        return response;
    }

    public static JsonObject DescribeLogStreams(SqliteStore store, ApiRequest request)
    {
        var group = Group(store, request);
        var limit = request.Int("limit", 1, 50) ?? 50;
        var prefix = request.Bounded("logStreamNamePrefix", 1, 512);
        var byLastEvent = request.String("orderBy") switch
        {
            null or "LogStreamName" => false,
            "LastEventTime" when prefix is null => true,
            "LastEventTime" => throw Invalid("Cannot order by LastEventTime with a logStreamNamePrefix."),
            var other => throw Invalid($"orderBy '{other}' is not LogStreamName or LastEventTime."),
        };
        List<LogStreamRecord> streams;
        string? nextToken = null;
        if (byLastEvent)
        {
            // A local group has few streams: sort them all, page by offset.
            var offset = int.TryParse(Token(request, "o"), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
            var all = store.ListLogStreams(group, null, null, int.MaxValue).OrderBy(s => s.LastEventTimestamp).ThenBy(s => s.Name).ToList();
            if (request.Bool("descending") == true)
            {
                all.Reverse();
            }
            streams = [.. all.Skip(offset).Take(limit)];
            nextToken = offset + limit < all.Count ? $"o/{offset + limit}" : null;
        }
        else
        {
            streams = [.. store.ListLogStreams(group, prefix, Token(request, "s"), limit + 1)];
            if (streams.Count > limit)
            {
                streams.RemoveAt(limit);
                nextToken = $"s/{streams[^1].Name}";
            }
        }
        var response = new JsonObject
        {
            ["logStreams"] = new JsonArray([.. streams.Select(s => (JsonNode?)new JsonObject
            {
                ["logStreamName"] = s.Name,
                ["creationTime"] = s.FirstEventTimestamp,
                ["firstEventTimestamp"] = s.FirstEventTimestamp,
                ["lastEventTimestamp"] = s.LastEventTimestamp,
                ["lastIngestionTime"] = s.LastIngestionTime,
                ["arn"] = $"{GroupArn(group)}:log-stream:{s.Name}",
                ["storedBytes"] = 0,
            })]),
        };
        if (nextToken is not null)
        {
            response["nextToken"] = nextToken;
        }
        return response;
    }

    public static JsonObject FilterLogEvents(SqliteStore store, ApiRequest request)
    {
        var group = Group(store, request);
        var streams = request.Strings("logStreamNames");
        var prefix = request.Bounded("logStreamNamePrefix", 1, 512);
        if (streams is not null && prefix is not null)
        {
            throw Invalid("logStreamNames and logStreamNamePrefix cannot both be given: pass one of them.");
        }
        var (startTime, endTime) = (request.Long("startTime"), request.Long("endTime"));
        var limit = request.Int("limit", 1, 10_000) ?? 10_000;
        var pattern = FilterPattern.Parse(request.String("filterPattern"));
        var cursor = Cursor(Token(request, "f"));

        var found = new JsonArray();
        var scanned = 0;
        var exhausted = false;
        while (found.Count < limit && scanned < ScanPerCall)
        {
            var wanted = Math.Min(1_000, ScanPerCall - scanned);
            var batch = store.ReadLogEvents(group, streams, prefix, startTime, endTime, cursor, wanted);
            foreach (var e in batch)
            {
                scanned++;
                cursor = (e.Timestamp, e.Sequence);
                if (pattern.Matches(e.Message))
                {
                    found.Add(new JsonObject
                    {
                        ["logStreamName"] = e.LogStreamName,
                        ["timestamp"] = e.Timestamp,
                        ["message"] = e.Message,
                        ["ingestionTime"] = e.IngestionTime,
                        ["eventId"] = e.Sequence.ToString(CultureInfo.InvariantCulture),
                    });
                    if (found.Count == limit)
                    {
                        break;
                    }
                }
            }
            if (found.Count < limit && batch.Count < wanted)
            {
                exhausted = true;
                break;
            }
        }
        var response = new JsonObject { ["events"] = found, ["searchedLogStreams"] = new JsonArray() };
        if (!exhausted && cursor is { } last)
        {
            response["nextToken"] = $"f/{last.Timestamp}/{last.Sequence}";
        }
        return response;
    }

    public static JsonObject GetLogEvents(SqliteStore store, ApiRequest request)
    {
        var group = Group(store, request);
        var stream = request.Bounded("logStreamName", 1, 512, required: true)!;
        var (startTime, endTime) = (request.Long("startTime"), request.Long("endTime"));
        var limit = request.Int("limit", 1, 10_000) ?? 10_000;
        var token = request.String("nextToken");
        // Forward (oldest first) from a forward token or with startFromHead; otherwise the newest events, or
        // those before a backward token. Either way a page lists its events oldest first.
        var backward = token is null ? request.Bool("startFromHead") != true : token.StartsWith("b/", StringComparison.Ordinal);
        var cursor = Cursor(token is null ? null : Token(request, backward ? "b" : "f"));
        var events = store.ReadLogEvents(group, [stream], null, startTime, endTime, cursor, limit, newestFirst: backward).ToList();
        if (backward)
        {
            events.Reverse();
        }
        // An empty page hands back the token it was given, which is how clients know they reached the end.
        var forward = events.Count > 0 ? $"f/{events[^1].Timestamp}/{events[^1].Sequence}" : token is not null && !backward ? token : $"f/{startTime ?? 0}/0";
        var back = events.Count > 0 ? $"b/{events[0].Timestamp}/{events[0].Sequence}" : token is not null && backward ? token : $"b/{endTime ?? long.MaxValue}/0";
        return new JsonObject
        {
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode?)new JsonObject
            {
                ["timestamp"] = e.Timestamp,
                ["message"] = e.Message,
                ["ingestionTime"] = e.IngestionTime,
            })]),
            ["nextForwardToken"] = forward,
            ["nextBackwardToken"] = back,
        };
    }

    /// <summary>The group named by <c>logGroupName</c> or <c>logGroupIdentifier</c> (a name or an ARN); it must exist.</summary>
    private static string Group(SqliteStore store, ApiRequest request)
    {
        var name = request.Bounded("logGroupName", 1, 512);
        var identifier = request.Bounded("logGroupIdentifier", 1, 2048);
        if (name is not null && identifier is not null)
        {
            throw Invalid("logGroupName and logGroupIdentifier cannot both be given: pass one of them.");
        }
        if (name is null && identifier is null)
        {
            throw Invalid("Pass logGroupName (e.g. /aws/lambda/<function>) or logGroupIdentifier; DescribeLogGroups lists the groups.");
        }
        // An identifier is a name or an ARN (arn:aws:logs:…:log-group:NAME, with or without ":*").
        var group = name ?? identifier!;
        if (name is null && identifier!.StartsWith("arn:", StringComparison.Ordinal) && identifier.IndexOf(":log-group:", StringComparison.Ordinal) is > 0 and var at)
        {
            group = identifier[(at + ":log-group:".Length)..];
            group = group.EndsWith(":*", StringComparison.Ordinal) ? group[..^2] : group;
        }
        return store.LogGroupExists(group)
            ? group
            : throw new ApiException("ResourceNotFoundException", "The specified log group does not exist.") { TypePrefix = "" };
    }

    /// <summary>The position a token of <paramref name="kind"/> ("f/…", "b/…", "g/…") carries; null without one.</summary>
    private static string? Token(ApiRequest request, string kind)
    {
        var token = request.String("nextToken");
        if (token is null)
        {
            return null;
        }
        return token.StartsWith(kind + "/", StringComparison.Ordinal) && token.Length > kind.Length + 1
            ? token[(kind.Length + 1)..]
            : throw Invalid($"The nextToken '{token}' is not one this operation gave: pass the nextToken of its previous answer, or none to start over.");
    }

    private static (long Timestamp, long Sequence)? Cursor(string? position)
    {
        if (position is null)
        {
            return null;
        }
        var parts = position.Split('/');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (time, sequence)
            : throw Invalid("The nextToken is not one this operation gave: pass the nextToken of its previous answer, or none to start over.");
    }

    private static string GroupArn(string group) => Arn.Local("logs", $"log-group:{group}").ToString();

    private static ApiException Invalid(string message) => new("InvalidParameterException", message) { TypePrefix = "" };
}
