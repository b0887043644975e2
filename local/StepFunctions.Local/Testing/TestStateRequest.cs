using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Testing;

/// <summary>TestState's <c>mock</c>: the state's result, or the error it fails with, and how strictly the result is
/// checked against the integration's API model.</summary>
public sealed record TestStateMock(JsonNode? Result, string? Error, string? Cause, FieldValidationMode Mode)
{
    public bool IsError => Error is not null;
}

/// <summary>TestState's <c>stateConfiguration</c>, each field checked against the state it is for.</summary>
public sealed record TestStateConfiguration(int? RetrierRetryCount, string? ErrorCausedByState, int? MapIterationFailureCount, JsonNode? MapItemReaderData);

/// <summary>A TestState request, parsed and checked once: every refusal AWS makes before running the state is made
/// here (as a <see cref="TestStateException"/>), so the run works on a request that is known to be valid.</summary>
public sealed record TestStateRequest
{
    public const string DefaultStateName = "TestState";

    public required string Name { get; init; }
    public required JsonObject State { get; init; }
    public required string Type { get; init; }
    public required JsonNode? Input { get; init; }
    public required string InputText { get; init; }
    public required InspectionLevel Level { get; init; }
    public string? RoleArn { get; init; }
    public JsonObject? Variables { get; init; }
    public JsonObject? Context { get; init; }
    public TestStateMock? Mock { get; init; }
    public TestStateConfiguration Configuration { get; init; } = new(null, null, null, null);

    public bool Inspects => Level != InspectionLevel.Info;

    public static TestStateRequest Parse(TestStateMembers members)
    {
        var inputText = members.Input ?? "{}";
        var input = ParseJson(inputText, TestStateError.InvalidExecutionInput, "input", "Invalid State Machine Execution Input",
            "pass the state's input as JSON text, e.g. '{\"x\": 1}'");
        var definition = ParseJson(members.Definition, TestStateError.InvalidDefinition, "definition", "Invalid State Machine Definition",
            "pass a state, e.g. '{\"Type\": \"Pass\", \"End\": true}', or a state machine with stateName") as JsonObject
            ?? throw new TestStateException(TestStateError.InvalidDefinition, "definition",
                "Invalid State Machine Definition: 'the definition must be a JSON object (a state, or a state machine with stateName)'");
        var (name, state) = SelectState(definition, members.StateName);
        var type = state["Type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "";

        const string VariablesShape = "variables must be a JSON object of variable names and values, e.g. '{\"x\": 1}'";
        var variables = members.Variables is { } variablesText
            ? ParseJson(variablesText, TestStateError.ValidationException, "variables", VariablesShape) as JsonObject
                ?? throw Invalid("variables", VariablesShape + ".")
            : null;
        var mock = ParseMock(members.Mock);
        if (mock is not null && members.RevealSecrets)
        {
            throw Invalid("revealSecrets", "TestState does not support RevealSecrets when a mock is specified.",
                "leave revealSecrets out when the state is mocked");
        }
        JsonObject? context = null;
        if (members.Context is { } contextText)
        {
            const string ContextShape = "context must be a JSON object laid over the context object, e.g. '{\"Execution\": {\"Name\": \"run-1\"}}'";
            context = ParseJson(contextText, TestStateError.ValidationException, "context", ContextShape) as JsonObject
                ?? throw Invalid("context", ContextShape + ".");
            if (mock is null)
            {
                throw Invalid("context",
                    "The context field can only be specified when a mock is specified (pass mock.result or mock.errorOutput).");
            }
        }

        var parsed = new TestStateRequest
        {
            Name = name, State = state, Type = type, Input = input, InputText = inputText, Level = members.Level, RoleArn = members.RoleArn,
            Variables = variables, Context = context, Mock = mock,
            Configuration = ParseConfiguration(members.Configuration),
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
                ?? throw Invalid("stateName", "The definition is a state machine: pass stateName to choose the state to test.");
            var state = Find(definition, name) is { } found ? (JsonObject)found.DeepClone()
                : throw Invalid("stateName", "State not found in definition",
                    $"name one of the definition's states: {string.Join(", ", StateNames(definition))}");
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

    private static TestStateMock? ParseMock(TestStateMockMembers? mock)
    {
        if (mock is null)
        {
            return null;
        }
        if (mock.Result is not null && mock.HasErrorOutput)
        {
            throw Invalid("mock", "A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (mock.HasErrorOutput)
        {
            var error = mock.Error ?? throw Invalid("mock",
                "mock.errorOutput.error is required: the error the state fails with, e.g. {\"error\": \"States.TaskFailed\", \"cause\": \"...\"}.");
            return new TestStateMock(null, error, mock.Cause, mock.Mode);
        }
        if (mock.Result is null)
        {
            throw Invalid("mock", "A test mock should have one of the following fields: [result, errorOutput].",
                "give mock.result (the state's result as JSON text) or mock.errorOutput ({\"error\": ..., \"cause\": ...})");
        }
        return new TestStateMock(ParseJson(mock.Result, TestStateError.ValidationException, "mock", "mock.result is not valid JSON"), null, null, mock.Mode);
    }

    private static TestStateConfiguration ParseConfiguration(TestStateConfigurationMembers? configuration)
    {
        if (configuration is null)
        {
            return new(null, null, null, null);
        }
        var itemReaderData = configuration.MapItemReaderData is { } text
            ? ParseJson(text, TestStateError.ValidationException, "stateConfiguration.mapItemReaderData", "stateConfiguration.mapItemReaderData is not valid JSON")
            : null;
        return new(configuration.RetrierRetryCount, configuration.ErrorCausedByState, configuration.MapIterationFailureCount, itemReaderData);
    }

    /// <summary>Only Task, Map and Parallel take a mock; Map and Parallel (and the Tasks whose work never ends on its
    /// own: activities, <c>.sync</c>, <c>.waitForTaskToken</c>) need one.</summary>
    private void CheckMockFitsState()
    {
        if (Mock is not null && Type is not ("Task" or "Map" or "Parallel"))
        {
            throw Invalid("mock", $"State type '{Type}' is not supported when a mock is specified",
                "leave the mock out: only Task, Map and Parallel states are mocked");
        }
        if (Mock is null && Type is "Map" or "Parallel")
        {
            throw new TestStateException(TestStateError.InvalidDefinition, "mock", "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]",
                $"pass a mock that stands for the whole {Type} state's result (mock.result, a JSON array) or error (mock.errorOutput)");
        }
        if (Type == "Task" && State["Resource"] is JsonValue r && r.GetValueKind() == JsonValueKind.String)
        {
            var resource = ResourceArn.Parse(r.GetValue<string>());
            if (Mock is null && (resource.ResourceType == "activity" || resource.Pattern.Length > 0))
            {
                throw new TestStateException(TestStateError.InvalidDefinition, "mock",
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
                throw Invalid("mock", "Mocked result must be an array.",
                    $"give mock.result as a JSON array, one item per {(Type == "Map" ? "item of the Map" : "branch")}, e.g. '[{{}}]'");
            }
            if (Type == "Parallel" && items.Count != (State["Branches"] as JsonArray)?.Count)
            {
                throw Invalid("mock", "Mocked result must contain the same number of items as number of Parallel branches.",
                    $"give mock.result as an array of {(State["Branches"] as JsonArray)?.Count ?? 0} items, one per branch");
            }
        }
    }

    /// <summary>Each stateConfiguration field applies to some states only.</summary>
    private void CheckConfigurationFitsState()
    {
        var (retries, causedBy, failures, readerData) = Configuration;
        if (retries is not null && State["Retry"] is not JsonArray)
        {
            throw Invalid("stateConfiguration.retrierRetryCount", "stateConfiguration.retrierRetryCount applies to a state with a Retry field; this state has none.");
        }
        if (causedBy is not null)
        {
            if (Type is not ("Map" or "Parallel"))
            {
                throw Invalid("stateConfiguration.errorCausedByState", $"stateConfiguration.errorCausedByState applies to Map and Parallel states, not to a {Type} state.");
            }
            if (Mock is not { IsError: true })
            {
                throw Invalid("stateConfiguration.errorCausedByState", "stateConfiguration.errorCausedByState names where a mocked error came from: pass mock.errorOutput with it.");
            }
            if (!Inner(State).Any(machine => Find(machine, causedBy) is not null))
            {
                throw Invalid("stateConfiguration.errorCausedByState", $"stateConfiguration.errorCausedByState '{causedBy}' is not a state of the {Type} state's {(Type == "Map" ? "ItemProcessor" : "branches")}.");
            }
        }
        if (failures is not null && Type != "Map")
        {
            throw Invalid("stateConfiguration.mapIterationFailureCount", $"stateConfiguration.mapIterationFailureCount applies to Map states, not to a {Type} state.");
        }
        if (readerData is not null && (Type != "Map" || State["ItemReader"] is null))
        {
            throw Invalid("stateConfiguration.mapItemReaderData", "stateConfiguration.mapItemReaderData applies to a Map state with an ItemReader.");
        }
    }

    /// <summary>A ValidationException: a member that is wrong on its own or does not fit the state.</summary>
    private static TestStateException Invalid(string member, string message, string? fix = null) =>
        new(TestStateError.ValidationException, member, message, fix);

    /// <summary>The names of a machine's states, at every depth (what stateName may name).</summary>
    private static IEnumerable<string> StateNames(JsonObject machine) =>
        machine["States"] is JsonObject states
            ? states.SelectMany(s => new[] { s.Key }.Concat(Inner(s.Value as JsonObject).SelectMany(StateNames)))
            : [];

    internal static JsonNode? ParseJson(string text, TestStateError error, string member, string what, string? fix = null)
    {
        try
        {
            return Json.Parse(text);
        }
        catch (JsonException e)
        {
            throw new TestStateException(error, member, $"{what}: '{e.Message}'", fix);
        }
    }
}
