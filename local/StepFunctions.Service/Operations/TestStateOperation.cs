using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>
/// TestState: runs one state on the executor, as a one-state machine whose transition targets are Succeed
/// placeholders (so the target reached is the <c>nextState</c>). A <c>mock</c> answers the Task instead of its
/// integration. Retry is not run, as on AWS: an error a Retrier matches gives status RETRIABLE.
/// </summary>
public static class TestStateOperation
{
    private const string DefaultStateName = "TestState";

    public static async Task<JsonObject> RunAsync(LocalService service, ApiRequest request)
    {
        var definitionText = request.Bounded("definition", 1, StateMachineOperations.MaxDefinitionLength, required: true)!;
        var roleArn = request.Bounded("roleArn", 1, 256);
        var level = request.String("inspectionLevel") ?? "INFO";
        if (level is not ("INFO" or "DEBUG" or "TRACE"))
        {
            throw ApiException.Validation("inspectionLevel", level, "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
        }
        var inputText = request.String("input") ?? "{}";
        var input = ParseJson(inputText, "InvalidExecutionInput", "Invalid State Machine Execution Input");
        var (name, state) = SelectState(ParseJson(definitionText, "InvalidDefinition", "Invalid State Machine Definition") as JsonObject
            ?? throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'the definition must be a JSON object (a state, or a state machine with stateName)'"),
            request.String("stateName"));
        var mock = request.Object("mock");
        const string VariablesShape = "variables must be a JSON object of variable names and values, e.g. '{\"x\": 1}'";
        var variables = request.String("variables") is { } variablesText
            ? ParseJson(variablesText, "ValidationException", VariablesShape) as JsonObject ?? throw new ApiException("ValidationException", VariablesShape + ".")
            : null;

        var retry = state["Retry"]?.DeepClone() as JsonArray;
        state.Remove("Retry");
        var states = new JsonObject { [name] = state };
        foreach (var target in Targets(state).Where(t => t != name))
        {
            states[target] = new JsonObject { ["Type"] = "Succeed" };
        }
        var machineDefinition = new JsonObject { ["StartAt"] = name, ["States"] = states }.ToJsonString();
        LocalStateMachine machine;
        try
        {
            machine = LocalStateMachine.Create(machineDefinition, "TestState", Executions.Arns.StateMachine("TestState"));
        }
        catch (InvalidDefinitionException e)
        {
            throw new ApiException("InvalidDefinition", $"Invalid State Machine Definition: '{string.Join(", ", e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Code}: {d.Message} at {d.Location}"))}'");
        }

        var resolver = service.Executions.Resolver(null, "TestState", mock is null ? null : builder => builder.MapState(name, Mocked(mock)));
        var inspection = new InspectionCollector();
        var result = await machine.ExecuteAsync(input, new ExecutionOptions
        {
            Resolver = resolver,
            TimeScale = 0,
            RoleArn = roleArn ?? Aws.Local.Arn.Local("iam", "role/TestState").ToString(),
            Subscribers = [inspection],
            Inspect = level != "INFO",
            Variables = variables,
        }).ConfigureAwait(false);

        var history = result.History;
        var taskFailure = history.LastOrDefault(e => e.Type is "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut" or "LambdaFunctionTimedOut");
        var exited = history.LastOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.Details?["name"]?.GetValue<string>() == name);
        var next = history.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details?["name"]?.GetValue<string>()).Skip(1).FirstOrDefault();
        TestExecutionStatus status;
        string? error = null, cause = null;
        JsonNode? output = null;
        if (result.Status == ExecutionStatus.Succeeded)
        {
            output = exited is not null ? Json.Parse(exited.Details!["output"]!.GetValue<string>()) : result.Output;
            status = TestExecutionStatus.Succeeded;
            if (taskFailure is not null)
            {
                status = TestExecutionStatus.CaughtError;
                (error, cause) = (taskFailure.Details?["error"]?.GetValue<string>(), taskFailure.Details?["cause"]?.GetValue<string>());
            }
        }
        else
        {
            (error, cause) = (result.Error, result.Cause);
            var retriable = error is not null && retry is not null
                && retry.Any(r => r?["ErrorEquals"] is JsonArray equals && equals.Any(p => p is JsonValue v && StatesErrors.Matches(v.GetValue<string>(), error)));
            status = retriable ? TestExecutionStatus.Retriable : TestExecutionStatus.Failed;
            next = null;
        }

        var response = ApiJson.Object(
            ("output", output is null && status is TestExecutionStatus.Failed or TestExecutionStatus.Retriable ? null : Json.Serialize(output)),
            ("error", ApiJson.String(error)), ("cause", ApiJson.String(cause)),
            ("nextState", ApiJson.String(next)), ("status", status.ToApiName()));
        if (level != "INFO")
        {
            var data = inspection.ToJson(inputText, level == "TRACE");
            // The variables after the state: those given, then what the state assigned.
            var after = (JsonObject?)variables?.DeepClone() ?? [];
            foreach (var (variable, value) in RecordedEvent.ParseAssigned(exited?.Details?["assignedVariables"]) ?? [])
            {
                after[variable] = value?.DeepClone();
            }
            if (after.Count > 0)
            {
                data["variables"] = Json.Serialize(after);
            }
            response["inspectionData"] = data;
        }
        return response;
    }

    /// <summary>The state to test: the definition itself, or the <c>stateName</c> state of a whole state machine.</summary>
    private static (string Name, JsonObject State) SelectState(JsonObject definition, string? stateName)
    {
        if (definition["States"] is JsonObject states)
        {
            var name = stateName ?? definition["StartAt"]?.GetValue<string>()
                ?? throw new ApiException("ValidationException", "The definition is a state machine: pass stateName to choose the state to test.");
            return states[name] is JsonObject state
                ? (name, (JsonObject)state.DeepClone())
                : throw new ApiException("InvalidDefinition", $"Invalid State Machine Definition: 'the state machine has no state named \"{name}\"'");
        }
        return (stateName ?? DefaultStateName, (JsonObject)definition.DeepClone());
    }

    /// <summary>Every state the tested state can go to: Next, Default, each Choice rule's and each Catcher's Next.</summary>
    private static IEnumerable<string> Targets(JsonObject state)
    {
        IEnumerable<JsonNode?> nexts = [state["Next"], state["Default"],
            .. (state["Choices"] as JsonArray ?? []).Select(c => c?["Next"]),
            .. (state["Catch"] as JsonArray ?? []).Select(c => c?["Next"])];
        return nexts.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).Distinct();
    }

    /// <summary>The mock: <c>result</c> (a JSON string) is the task's result; <c>errorOutput</c> fails it.</summary>
    private static TaskHandler Mocked(JsonObject mock)
    {
        var request = new ApiRequest(mock);
        if (request.Object("errorOutput") is { } errorOutput)
        {
            var failure = new ApiRequest(errorOutput);
            var (error, cause) = (failure.String("error") ?? "States.TaskFailed", failure.String("cause"));
            return (_, _, _) => throw new StatesException(error, cause);
        }
        var result = ParseJson(request.String("result") ?? throw ApiException.MissingMember("mock.result"), "ValidationException", "mock.result is not valid JSON");
        return (_, _, _) => ValueTask.FromResult(result?.DeepClone());
    }

    private static JsonNode? ParseJson(string text, string code, string what)
    {
        try
        {
            return Json.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ApiException(code, $"{what}: '{e.Message}'");
        }
    }
}
