using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions, RedriveExecution.</summary>
public static class ExecutionOperations
{
    /// <summary>AWS's limit on an execution input, in UTF-8 bytes.</summary>
    public const int MaxInputBytes = 262_144;

    public static async Task<JsonObject> StartAsync(LocalService service, ApiRequest request)
    {
        var (machine, testCase) = MachineAndTestCase(service, request);
        var name = Name(request);
        var (inputText, input) = Input(request);
        if (machine.Type == "EXPRESS")
        {
            var arn = Arns.ExpressExecution(machine.Arn, name);
            var started = DateTimeOffset.UtcNow;
            _ = service.Executions.Express.RunAsync(machine, name, input, testCase);
            return ApiJson.Object(("executionArn", arn), ("startDate", ApiJson.Date(started)));
        }
        var record = await service.Executions.StartAsync(machine, name, inputText, input, testCase, request.Caller).ConfigureAwait(false);
        return ApiJson.Object(("executionArn", record.Arn), ("startDate", ApiJson.Date(record.StartDate)));
    }

    public static async Task<JsonObject> StartSyncAsync(LocalService service, ApiRequest request)
    {
        var (machine, testCase) = MachineAndTestCase(service, request);
        if (machine.Type != "EXPRESS")
        {
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        var name = Name(request);
        var (inputText, input) = Input(request);
        var result = await service.Executions.Express.RunAsync(machine, name, input, testCase).ConfigureAwait(false);
        return ApiJson.Object(
            ("executionArn", Arns.ExpressExecution(machine.Arn, name)), ("stateMachineArn", machine.Arn), ("name", name),
            ("startDate", ApiJson.Date(result.StartDate)), ("stopDate", ApiJson.Date(result.StopDate)), ("status", result.StatusText),
            ("error", ApiJson.String(result.Error)), ("cause", ApiJson.String(result.Cause)),
            ("input", ApiJson.String(inputText)), ("inputDetails", new JsonObject { ["included"] = true }),
            ("output", result.Output is null && result.Status != ExecutionStatus.Succeeded ? null : Json.Serialize(result.Output)),
            ("outputDetails", result.Status == ExecutionStatus.Succeeded ? new JsonObject { ["included"] = true } : null),
            ("billingDetails", new JsonObject
            {
                ["billedMemoryUsedInMB"] = 64,
                ["billedDurationInMilliseconds"] = Math.Max(100, (long)Math.Ceiling((result.StopDate - result.StartDate).TotalMilliseconds / 100) * 100),
            }));
    }

    public static async Task<JsonObject> StopAsync(LocalService service, ApiRequest request)
    {
        var arn = request.Required("executionArn");
        var error = request.Bounded("error", 0, 256);
        var cause = request.Bounded("cause", 0, 32_768);
        service.Execution(arn);
        await service.Executions.StopAsync(arn, error, cause).ConfigureAwait(false);
        var stopped = service.Execution(arn);
        return ApiJson.Object(("stopDate", ApiJson.Date(stopped.StopDate ?? DateTimeOffset.UtcNow)));
    }

    public static Task<JsonObject> Describe(LocalService service, ApiRequest request)
    {
        var e = service.Execution(request.Required("executionArn"));
        var (redriveStatus, redriveReason) = Redrive.Of(e);
        var succeeded = e.Status == ExecutionStatus.Succeeded;
        return Task.FromResult(ApiJson.Object(
            ("executionArn", e.Arn), ("stateMachineArn", e.StateMachineArn), ("name", e.Name), ("status", e.Status.ToApiName()),
            ("startDate", ApiJson.Date(e.StartDate)), ("stopDate", ApiJson.Date(e.StopDate)),
            ("input", ApiJson.String(e.Input)), ("inputDetails", new JsonObject { ["included"] = true }),
            ("output", succeeded ? ApiJson.String(e.Output) : null), ("outputDetails", succeeded ? new JsonObject { ["included"] = true } : null),
            ("error", ApiJson.String(e.Error)), ("cause", ApiJson.String(e.Cause)),
            ("redriveCount", e.RedriveCount), ("redriveDate", ApiJson.Date(e.RedriveDate)),
            ("redriveStatus", redriveStatus.ToApiName()), ("redriveStatusReason", ApiJson.String(redriveReason)),
            // Local only (README, "Differences from AWS's API"): what started it; SDKs and the CLI ignore the member.
            ("localStartedBy", ApiJson.String(e.StartedBy))));
    }

    public static Task<JsonObject> List(LocalService service, ApiRequest request)
    {
        var machine = service.Machine(request.Required("stateMachineArn"));
        if (machine.Type == "EXPRESS")
        {
            throw new ApiException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }
        var statusFilter = request.String("statusFilter");
        ExecutionStatus? status = null;
        if (statusFilter is not null)
        {
            status = ExecutionStatusExtensions.TryParseApiName(statusFilter, out var parsed) ? parsed
                : throw ApiException.Validation("statusFilter", statusFilter,
                    $"Member must satisfy enum value set: [{string.Join(", ", ExecutionStatusExtensions.All.Select(s => s.ToApiName()))}]");
        }
        var redriveFilter = request.String("redriveFilter");
        if (redriveFilter is not null and not "REDRIVEN" and not "NOT_REDRIVEN")
        {
            throw ApiException.Validation("redriveFilter", redriveFilter, "Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]");
        }
        var pageSize = StateMachineOperations.PageSize(request);
        long? before = request.String("nextToken") is { } token ? ApiJson.ParseToken(token) : null;
        bool? redriven = redriveFilter is null ? null : redriveFilter == "REDRIVEN";
        // One more than a page tells whether another page follows.
        var rows = service.Store.ListExecutions(machine.Arn, status, redriven, before, pageSize + 1);
        var page = new JsonArray();
        foreach (var e in rows.Take(pageSize))
        {
            page.Add(ApiJson.Object(
                ("executionArn", e.Arn), ("stateMachineArn", e.StateMachineArn), ("name", e.Name), ("status", e.Status.ToApiName()),
                ("startDate", ApiJson.Date(e.StartDate)), ("stopDate", ApiJson.Date(e.StopDate)),
                ("redriveCount", e.RedriveCount), ("redriveDate", ApiJson.Date(e.RedriveDate))));
        }
        long? next = rows.Count > pageSize ? rows[pageSize - 1].Sequence : null;
        return Task.FromResult(ApiJson.Object(("executions", page), ("nextToken", next is { } n ? ApiJson.Token(n) : null)));
    }

    public static async Task<JsonObject> RedriveAsync(LocalService service, ApiRequest request)
    {
        var execution = service.Execution(request.Required("executionArn"));
        request.Bounded("clientToken", 1, 64);
        var (status, reason) = Redrive.Of(execution);
        if (status != RedriveStatus.Redrivable)
        {
            throw DomainException.NotRedrivable(reason!);
        }
        var redriven = await service.Executions.RedriveAsync(execution).ConfigureAwait(false);
        return ApiJson.Object(("redriveDate", ApiJson.Date(redriven.RedriveDate ?? DateTimeOffset.UtcNow)));
    }

    private static (StateMachineRecord Machine, string? TestCase) MachineAndTestCase(LocalService service, ApiRequest request)
    {
        var value = request.Required("stateMachineArn");
        var hash = value.IndexOf('#', StringComparison.Ordinal);
        var arn = hash < 0 ? value : value[..hash];
        var testCase = hash < 0 ? null : value[(hash + 1)..];
        var machine = service.Machine(arn);
        if (testCase is not null)
        {
            if (service.MockConfig is null)
            {
                throw new ApiException("InvalidArn", $"Invalid Arn: '{value}': a '#TestCase' suffix selects mocked responses from SFN_MOCK_CONFIG, which this server was started without.");
            }
            if (!service.MockConfig.StateMachines.TryGetValue(machine.Name, out var cases) || !cases.ContainsKey(testCase))
            {
                throw new ApiException("InvalidArn", $"Invalid Arn: '{value}': SFN_MOCK_CONFIG has no test case '{testCase}' for state machine '{machine.Name}'.");
            }
        }
        return (machine, testCase);
    }

    private static string Name(ApiRequest request)
    {
        var name = request.String("name") ?? Guid.NewGuid().ToString();
        Arns.CheckName(name, "execution");
        return name;
    }

    private static (string Text, JsonNode? Node) Input(ApiRequest request)
    {
        var text = request.String("input") ?? "{}";
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxInputBytes)
        {
            throw ApiException.Validation("input", "(too large)", $"Member must have length less than or equal to {MaxInputBytes}");
        }
        try
        {
            return (text, Json.Parse(text));
        }
        catch (JsonException e)
        {
            throw new ApiException("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{e.Message}'");
        }
    }
}
