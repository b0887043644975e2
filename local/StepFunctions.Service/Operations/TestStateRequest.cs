using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>TestState's <c>mock</c>: the state's result, or the error it fails with, and how strictly the result is
/// checked against the integration's API model.</summary>
public sealed record TestStateMock(JsonNode? Result, string? Error, string? Cause, FieldValidationMode Mode)
{
    public bool IsError => Error is not null;
}

/// <summary>TestState's <c>stateConfiguration</c>, each field checked against the state it is for.</summary>
public sealed record TestStateConfiguration(int? RetrierRetryCount, string? ErrorCausedByState, int? MapIterationFailureCount, JsonNode? MapItemReaderData);

/// <summary>A TestState request, parsed and checked once: every refusal AWS makes before running the state is made
/// here, so the run works on a request that is known to be valid.</summary>
public sealed record TestStateRequest
{
    public const string DefaultStateName = "TestState";

    public required string Name { get; init; }
    public required JsonObject State { get; init; }
    public required string Type { get; init; }
    public required JsonNode? Input { get; init; }
    public required string InputText { get; init; }
    public required string Level { get; init; }
    public string? RoleArn { get; init; }
    public JsonObject? Variables { get; init; }
    public JsonObject? Context { get; init; }
    public TestStateMock? Mock { get; init; }
    public TestStateConfiguration Configuration { get; init; } = new(null, null, null, null);

    public bool Inspects => Level != "INFO";

    public static TestStateRequest Parse(ApiRequest request)
    {
        var definitionText = request.Bounded("definition", 1, StateMachineOperations.MaxDefinitionLength, required: true)!;
        var roleArn = request.Bounded("roleArn", 1, 256);
        var level = request.String("inspectionLevel") ?? "INFO";
        if (level is not ("INFO" or "DEBUG" or "TRACE"))
        {
            throw ApiException.Validation("inspectionLevel", level, "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
        }
        var stateName = request.Bounded("stateName", 1, 80);
        var inputText = request.String("input") ?? "{}";
        var input = ParseJson(inputText, "InvalidExecutionInput", "Invalid State Machine Execution Input");
        var definition = ParseJson(definitionText, "InvalidDefinition", "Invalid State Machine Definition") as JsonObject
            ?? throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'the definition must be a JSON object (a state, or a state machine with stateName)'");
        var (name, state) = SelectState(definition, stateName);
        var type = state["Type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "";

        const string VariablesShape = "variables must be a JSON object of variable names and values, e.g. '{\"x\": 1}'";
        var variables = request.String("variables") is { } variablesText
            ? ParseJson(variablesText, "ValidationException", VariablesShape) as JsonObject ?? throw new ApiException("ValidationException", VariablesShape + ".")
            : null;
        var mock = ParseMock(request.Object("mock"));
        if (mock is not null && request.Bool("revealSecrets") == true)
        {
            throw new ApiException("ValidationException", "TestState does not support RevealSecrets when a mock is specified.");
        }
        JsonObject? context = null;
        if (request.String("context") is { } contextText)
        {
            const string ContextShape = "context must be a JSON object laid over the context object, e.g. '{\"Execution\": {\"Name\": \"run-1\"}}'";
            context = ParseJson(contextText, "ValidationException", ContextShape) as JsonObject ?? throw new ApiException("ValidationException", ContextShape + ".");
            if (mock is null)
            {
                throw new ApiException("ValidationException", "The context field can only be specified when a mock is specified (pass mock.result or mock.errorOutput).");
            }
        }

        var parsed = new TestStateRequest
        {
            Name = name, State = state, Type = type, Input = input, InputText = inputText, Level = level, RoleArn = roleArn,
            Variables = variables, Context = context, Mock = mock,
            Configuration = ParseConfiguration(request.Object("stateConfiguration")),
        };
        parsed.CheckMockFitsState();
        parsed.CheckConfigurationFitsState();
        return parsed;
    }

    /// <summary>The state to test: the definition itself, or the <c>stateName</c> state of a whole state machine
    /// (at any depth: a state inside a Map's ItemProcessor or a Parallel's branch is found too).</summary>
    private static (string Name, JsonObject State) SelectState(JsonObject definition, string? stateName)
    {
        if (definition["States"] is JsonObject)
        {
            var name = stateName ?? definition["StartAt"]?.GetValue<string>()
                ?? throw new ApiException("ValidationException", "The definition is a state machine: pass stateName to choose the state to test.");
            var state = Find(definition, name) is { } found ? (JsonObject)found.DeepClone()
                : throw new ApiException("ValidationException", "State not found in definition");
            // The state keeps the machine's query language when it names none of its own.
            if (state["QueryLanguage"] is null && definition["QueryLanguage"] is { } language)
            {
                state["QueryLanguage"] = language.DeepClone();
            }
            return (name, state);
        }
        return (stateName ?? DefaultStateName, (JsonObject)definition.DeepClone());
    }

    private static JsonObject? Find(JsonObject machine, string name)
    {
        if (machine["States"] is not JsonObject states)
        {
            return null;
        }
        if (states[name] is JsonObject found)
        {
            return found;
        }
        foreach (var (_, node) in states)
        {
            foreach (var inner in Inner(node as JsonObject))
            {
                if (Find(inner, name) is { } nested)
                {
                    return nested;
                }
            }
        }
        return null;
    }

    /// <summary>The state machines inside a Map (ItemProcessor or the older Iterator) or a Parallel (Branches).</summary>
    internal static IEnumerable<JsonObject> Inner(JsonObject? state) =>
        state is null ? [] : [.. new[] { state["ItemProcessor"], state["Iterator"] }.OfType<JsonObject>(),
            .. (state["Branches"] as JsonArray ?? []).OfType<JsonObject>()];

    private static TestStateMock? ParseMock(JsonObject? body)
    {
        if (body is null)
        {
            return null;
        }
        var mock = new ApiRequest(body);
        var mode = mock.String("fieldValidationMode") switch
        {
            null or "STRICT" => FieldValidationMode.Strict,
            "PRESENT" => FieldValidationMode.Present,
            "NONE" => FieldValidationMode.None,
            var other => throw ApiException.Validation("mock.fieldValidationMode", other, "Member must satisfy enum value set: [STRICT, PRESENT, NONE]"),
        };
        var resultText = mock.Bounded("result", 0, 262_144);
        var errorOutput = mock.Object("errorOutput");
        if (resultText is not null && errorOutput is not null)
        {
            throw new ApiException("ValidationException", "A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (errorOutput is not null)
        {
            var failure = new ApiRequest(errorOutput);
            var error = failure.String("error") ?? throw new ApiException("ValidationException",
                "mock.errorOutput.error is required: the error the state fails with, e.g. {\"error\": \"States.TaskFailed\", \"cause\": \"...\"}.");
            return new TestStateMock(null, error, failure.String("cause"), mode);
        }
        if (resultText is null)
        {
            throw new ApiException("ValidationException", "A test mock should have one of the following fields: [result, errorOutput].");
        }
        return new TestStateMock(ParseJson(resultText, "ValidationException", "mock.result is not valid JSON"), null, null, mode);
    }

    private static TestStateConfiguration ParseConfiguration(JsonObject? body)
    {
        if (body is null)
        {
            return new(null, null, null, null);
        }
        var configuration = new ApiRequest(body);
        var itemReaderData = configuration.Bounded("mapItemReaderData", 0, 262_144) is { } text
            ? ParseJson(text, "ValidationException", "stateConfiguration.mapItemReaderData is not valid JSON")
            : null;
        return new(configuration.Int("retrierRetryCount", 0, int.MaxValue), configuration.Bounded("errorCausedByState", 1, 80),
            configuration.Int("mapIterationFailureCount", 0, int.MaxValue), itemReaderData);
    }

    /// <summary>Only Task, Map and Parallel take a mock; Map and Parallel (and the Tasks whose work never ends on its
    /// own: activities, <c>.sync</c>, <c>.waitForTaskToken</c>) need one.</summary>
    private void CheckMockFitsState()
    {
        if (Mock is not null && Type is not ("Task" or "Map" or "Parallel"))
        {
            throw new ApiException("ValidationException", $"State type '{Type}' is not supported when a mock is specified");
        }
        if (Mock is null && Type is "Map" or "Parallel")
        {
            throw new ApiException("InvalidDefinition", "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (Type == "Task" && State["Resource"] is JsonValue r && r.GetValueKind() == JsonValueKind.String)
        {
            var resource = ResourceArn.Parse(r.GetValue<string>());
            if (Mock is null && (resource.ResourceType == "activity" || resource.Pattern.Length > 0))
            {
                throw new ApiException("InvalidDefinition",
                    $"TestState runs an activity or a '.{(resource.ResourceType == "activity" ? "activity" : resource.Pattern)}' task only with a mock: pass mock.result or mock.errorOutput for '{resource.Text}'.");
            }
            if (Mock is { IsError: false } mock && TestStateMockShapes.For(resource) is { } shape)
            {
                TestStateMockShapes.Validate(mock.Result, shape, mock.Mode);
            }
        }
        if (Mock is { IsError: false, Result: var result } && Type is "Map" or "Parallel")
        {
            if (result is not JsonArray items)
            {
                throw new ApiException("ValidationException", "Mocked result must be an array.");
            }
            if (Type == "Parallel" && items.Count != (State["Branches"] as JsonArray)?.Count)
            {
                throw new ApiException("ValidationException", "Mocked result must contain the same number of items as number of Parallel branches.");
            }
        }
    }

    /// <summary>Each stateConfiguration field applies to some states only.</summary>
    private void CheckConfigurationFitsState()
    {
        var (retries, causedBy, failures, readerData) = Configuration;
        if (retries is not null && State["Retry"] is not JsonArray)
        {
            throw new ApiException("ValidationException", "stateConfiguration.retrierRetryCount applies to a state with a Retry field; this state has none.");
        }
        if (causedBy is not null)
        {
            if (Type is not ("Map" or "Parallel"))
            {
                throw new ApiException("ValidationException", $"stateConfiguration.errorCausedByState applies to Map and Parallel states, not to a {Type} state.");
            }
            if (Mock is not { IsError: true })
            {
                throw new ApiException("ValidationException", "stateConfiguration.errorCausedByState names where a mocked error came from: pass mock.errorOutput with it.");
            }
            if (!Inner(State).Any(machine => Find(machine, causedBy) is not null))
            {
                throw new ApiException("ValidationException", $"stateConfiguration.errorCausedByState '{causedBy}' is not a state of the {Type} state's {(Type == "Map" ? "ItemProcessor" : "branches")}.");
            }
        }
        if (failures is not null && Type != "Map")
        {
            throw new ApiException("ValidationException", $"stateConfiguration.mapIterationFailureCount applies to Map states, not to a {Type} state.");
        }
        if (readerData is not null && (Type != "Map" || State["ItemReader"] is null))
        {
            throw new ApiException("ValidationException", "stateConfiguration.mapItemReaderData applies to a Map state with an ItemReader.");
        }
    }

    internal static JsonNode? ParseJson(string text, string code, string what)
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
