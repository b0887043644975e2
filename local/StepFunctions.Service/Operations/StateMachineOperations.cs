using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>Create/Update/Delete/Describe/List state machines, ValidateStateMachineDefinition and DescribeStateMachineForExecution.</summary>
public static class StateMachineOperations
{
    /// <summary>AWS's limit on a definition, in characters.</summary>
    public const int MaxDefinitionLength = 1_048_576;

    public static async Task<JsonObject> CreateAsync(LocalService service, ApiRequest request)
    {
        var name = request.Bounded("name", 1, 80, required: true)!;
        Arns.CheckName(name, "state machine");
        var definition = CheckDefinition(request.Bounded("definition", 1, MaxDefinitionLength, required: true)!);
        var roleArn = CheckRole(request.Bounded("roleArn", 1, 256, required: true)!);
        var type = Type(request);
        var arn = Arns.StateMachine(name);
        if (service.Store.GetStateMachine(arn) is { } existing)
        {
            // AWS: creating an identical state machine again is a no-op that returns the existing one.
            if (existing.Definition == definition && existing.RoleArn == roleArn && existing.Type == type)
            {
                return ApiJson.Object(("stateMachineArn", arn), ("creationDate", ApiJson.Date(existing.Created)));
            }
            throw new ApiException("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
        }
        var created = DateTimeOffset.UtcNow;
        await service.Store.UpsertStateMachineAsync(new StateMachineRecord(arn, name, type, definition, roleArn, created, null, null, Deployed: false)).ConfigureAwait(false);
        return ApiJson.Object(("stateMachineArn", arn), ("creationDate", ApiJson.Date(created)));
    }

    public static async Task<JsonObject> UpdateAsync(LocalService service, ApiRequest request)
    {
        var machine = service.Machine(request.Required("stateMachineArn"));
        var definition = request.Bounded("definition", 1, MaxDefinitionLength);
        var roleArn = request.Bounded("roleArn", 1, 256);
        if (definition is null && roleArn is null && request.Object("loggingConfiguration") is null && request.Object("tracingConfiguration") is null)
        {
            throw new ApiException("MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        var updated = DateTimeOffset.UtcNow;
        var revision = Guid.NewGuid().ToString();
        await service.Store.UpsertStateMachineAsync(machine with
        {
            Definition = definition is null ? machine.Definition : CheckDefinition(definition),
            RoleArn = roleArn is null ? machine.RoleArn : CheckRole(roleArn),
            Updated = updated,
            RevisionId = revision,
        }).ConfigureAwait(false);
        return ApiJson.Object(("updateDate", ApiJson.Date(updated)), ("revisionId", revision));
    }

    /// <summary>Deleting is immediate here; executions already running finish on the definition they started with.</summary>
    public static async Task<JsonObject> DeleteAsync(LocalService service, ApiRequest request)
    {
        var arn = Arns.CheckStateMachine(request.Required("stateMachineArn"));
        await service.Store.DeleteStateMachineAsync(arn).ConfigureAwait(false);
        return []; // AWS answers success for a state machine that does not exist.
    }

    public static Task<JsonObject> Describe(LocalService service, ApiRequest request)
    {
        var machine = service.Machine(request.Required("stateMachineArn"));
        return Task.FromResult(ApiJson.Object(
            ("stateMachineArn", machine.Arn), ("name", machine.Name), ("status", "ACTIVE"), ("definition", machine.Definition),
            ("roleArn", machine.RoleArn), ("type", machine.Type), ("creationDate", ApiJson.Date(machine.Created)),
            ("loggingConfiguration", Logging()), ("tracingConfiguration", new JsonObject { ["enabled"] = false }),
            ("revisionId", ApiJson.String(machine.RevisionId))));
    }

    public static Task<JsonObject> List(LocalService service, ApiRequest request)
    {
        var pageSize = PageSize(request);
        var start = request.String("nextToken") is { } token ? (int)ApiJson.ParseToken(token) : 0;
        var machines = service.Store.ListStateMachines();
        var page = new JsonArray();
        foreach (var machine in machines.Skip(start).Take(pageSize))
        {
            page.Add(ApiJson.Object(("stateMachineArn", machine.Arn), ("name", machine.Name), ("type", machine.Type), ("creationDate", ApiJson.Date(machine.Created))));
        }
        var next = start + pageSize < machines.Count ? ApiJson.Token(start + pageSize) : null;
        return Task.FromResult(ApiJson.Object(("stateMachines", page), ("nextToken", next)));
    }

    public static Task<JsonObject> Validate(LocalService service, ApiRequest request)
    {
        var definition = request.Bounded("definition", 1, MaxDefinitionLength, required: true)!;
        Type(request);
        var diagnostics = LocalStateMachine.Validate(definition).Diagnostics;
        var list = new JsonArray();
        foreach (var d in diagnostics)
        {
            list.Add(new JsonObject
            {
                ["severity"] = d.Severity == DiagnosticSeverity.Error ? "ERROR" : "WARNING",
                ["code"] = d.Code,
                ["message"] = d.Message,
                ["location"] = d.Location,
            });
        }
        var ok = diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
        return Task.FromResult(new JsonObject { ["result"] = ok ? "OK" : "FAIL", ["diagnostics"] = list, ["truncated"] = false });
    }

    public static Task<JsonObject> DescribeForExecution(LocalService service, ApiRequest request)
    {
        var execution = service.Execution(request.Required("executionArn"));
        var machine = service.Store.GetStateMachine(execution.StateMachineArn);
        return Task.FromResult(ApiJson.Object(
            ("stateMachineArn", execution.StateMachineArn), ("name", Arns.MachineName(execution.StateMachineArn)),
            ("definition", execution.Definition), ("roleArn", execution.RoleArn),
            ("updateDate", ApiJson.Date(machine?.Updated ?? machine?.Created ?? execution.StartDate)),
            ("loggingConfiguration", Logging()), ("tracingConfiguration", new JsonObject { ["enabled"] = false })));
    }

    /// <summary>ListStateMachines/ListExecutions: maxResults 0–1000, 0 meaning the default of 100.</summary>
    public static int PageSize(ApiRequest request) => request.Int("maxResults", 0, 1000) is { } n and > 0 ? n : 100;

    private static JsonObject Logging() => new() { ["level"] = "OFF", ["includeExecutionData"] = false };

    private static string Type(ApiRequest request) => request.String("type") switch
    {
        null or "STANDARD" => "STANDARD",
        "EXPRESS" => "EXPRESS",
        var other => throw ApiException.Validation("type", other, "Member must satisfy enum value set: [STANDARD, EXPRESS]"),
    };

    private static string CheckRole(string roleArn) =>
        roleArn.StartsWith("arn:", StringComparison.Ordinal) && roleArn.Split(':').Length >= 6
            ? roleArn
            : throw DomainException.InvalidArn(roleArn, "Role");

    /// <summary>InvalidDefinition lists every error, as AWS's message does.</summary>
    private static string CheckDefinition(string definition)
    {
        var errors = LocalStateMachine.Validate(definition).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ApiException("InvalidDefinition",
                $"Invalid State Machine Definition: '{string.Join(", ", errors.Select(e => $"{e.Code}: {e.Message} at {e.Location}"))}'");
        }
        return definition;
    }
}
