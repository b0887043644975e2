using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Testing;

/// <summary>How strictly TestState checks a mocked result against the integration's API model (AWS's
/// <c>MockResponseValidationMode</c>): STRICT requires the required fields and checks the present ones, PRESENT checks
/// only the present ones, NONE checks nothing. Fields the model does not know are accepted in every mode (AWS accepts
/// <c>{"random":"json"}</c> under STRICT).</summary>
public enum FieldValidationMode
{
    Strict,
    Present,
    None,
}

/// <summary>The JSON type a field of an API response has on the wire.</summary>
public enum FieldType
{
    String,
    Number,
    Boolean,
    Object,
    Array,
    Any,
}

/// <summary>One field of a response shape: its type, whether the API always returns it, and for objects and arrays
/// the fields of the object or of each array item.</summary>
public sealed record FieldShape(string Name, FieldType Type, bool Required = false, IReadOnlyList<FieldShape>? Members = null);

/// <summary>The responses of the integrations this project runs, as their API models define them (PascalCase, as
/// Step Functions returns them), one row per resource action with the reason for its shape. TestState validates
/// <c>mock.result</c> against the row of the tested Task's resource; a resource with no row (a plain Lambda ARN,
/// whose result is the function's own output) is not validated.</summary>
public static class TestStateMockShapes
{
    private static FieldShape S(string name, bool required = false) => new(name, FieldType.String, required);
    private static FieldShape N(string name) => new(name, FieldType.Number);

    /// <summary>DynamoDB's ConsumedCapacity: CapacityUnits and the per-table units are doubles.</summary>
    private static readonly FieldShape ConsumedCapacity = new("ConsumedCapacity", FieldType.Object, Members:
        [S("TableName"), N("CapacityUnits"), N("ReadCapacityUnits"), N("WriteCapacityUnits")]);

    private static readonly FieldShape ItemCollectionMetrics = new("ItemCollectionMetrics", FieldType.Object, Members:
        [new("ItemCollectionKey", FieldType.Object), new("SizeEstimateRangeGB", FieldType.Array)]);

    /// <summary>ECS's Task: the fields RunTask, DescribeTasks and StopTask return (timestamps as strings, as Step
    /// Functions serialises them).</summary>
    private static readonly IReadOnlyList<FieldShape> EcsTask =
    [
        S("TaskArn"), S("ClusterArn"), S("TaskDefinitionArn"), S("LastStatus"), S("DesiredStatus"), S("LaunchType"),
        S("StopCode"), S("StoppedReason"), S("Group"), N("Version"),
        new("Containers", FieldType.Array, Members: [S("ContainerArn"), S("Name"), S("LastStatus"), N("ExitCode"), S("Reason")]),
        new("Attachments", FieldType.Array), new("Tags", FieldType.Array), new("Overrides", FieldType.Object),
    ];

    private static readonly IReadOnlyList<FieldShape> EcsTasksAndFailures =
    [
        new("Tasks", FieldType.Array, Members: EcsTask),
        new("Failures", FieldType.Array, Members: [S("Arn"), S("Reason"), S("Detail")]),
    ];

    /// <summary>Step Functions' DescribeExecution, what <c>startExecution.sync</c> returns: ARNs, status and start are
    /// always there.</summary>
    private static readonly IReadOnlyList<FieldShape> DescribedExecution =
    [
        S("ExecutionArn", required: true), S("StateMachineArn", required: true), S("Status", required: true),
        S("StartDate", required: true), S("StopDate"), S("Name"), S("Input"), new("Output", FieldType.Any), S("Error"), S("Cause"),
    ];

    /// <summary>Keyed by the resource after <c>arn:aws:states:::</c> (integration, action and pattern).</summary>
    private static readonly Dictionary<string, IReadOnlyList<FieldShape>> Shapes = new(StringComparer.Ordinal)
    {
        // Lambda Invoke: StatusCode is an integer, the rest strings; Payload is the function's JSON output.
        ["lambda:invoke"] = [N("StatusCode"), S("FunctionError"), S("LogResult"), new("Payload", FieldType.Any), S("ExecutedVersion")],
        // SNS Publish returns the message id (and a sequence number for FIFO topics).
        ["sns:publish"] = [S("MessageId"), S("SequenceNumber")],
        // ECS RunTask (request-response) and DescribeTasks return tasks and failures; StopTask the stopped task;
        // runTask.sync waits for the task and returns it.
        ["ecs:runTask"] = EcsTasksAndFailures,
        ["ecs:runTask.sync"] = EcsTask,
        ["aws-sdk:ecs:describeTasks"] = EcsTasksAndFailures,
        ["aws-sdk:ecs:stopTask"] = [new("Task", FieldType.Object, Members: EcsTask)],
        // DynamoDB: GetItem returns the item, the writes the old/new attributes; all may report consumed capacity.
        ["dynamodb:getItem"] = [new("Item", FieldType.Object), ConsumedCapacity],
        ["dynamodb:putItem"] = [new("Attributes", FieldType.Object), ConsumedCapacity, ItemCollectionMetrics],
        ["dynamodb:updateItem"] = [new("Attributes", FieldType.Object), ConsumedCapacity, ItemCollectionMetrics],
        ["dynamodb:deleteItem"] = [new("Attributes", FieldType.Object), ConsumedCapacity, ItemCollectionMetrics],
        // StartExecution always returns the execution's ARN and start date.
        ["states:startExecution"] = [S("ExecutionArn", required: true), S("StartDate", required: true)],
        ["states:startExecution.sync"] = DescribedExecution,
        ["states:startExecution.sync:2"] = DescribedExecution,
    };

    /// <summary>The shape of a Task resource's result, or null when the project knows no model for it.</summary>
    public static IReadOnlyList<FieldShape>? For(ResourceArn resource) =>
        resource.ResourceType.Length > 0 && Shapes.TryGetValue(Key(resource), out var shape) ? shape : null;

    private static string Key(ResourceArn resource) =>
        resource.Pattern.Length > 0 ? $"{resource.ResourceType}:{resource.ResourceName}" : $"{resource.ResourceType}:{resource.Action}";

    /// <summary>Checks a mocked result; refuses it as AWS does (ValidationException) naming the first field that breaks
    /// the model.</summary>
    public static void Validate(JsonNode? result, IReadOnlyList<FieldShape> shape, FieldValidationMode mode)
    {
        if (mode == FieldValidationMode.None)
        {
            return;
        }
        if (result is not JsonObject obj)
        {
            throw Invalid("The mocked result must be a JSON object");
        }
        Check(obj, shape, mode);
    }

    private static void Check(JsonObject obj, IReadOnlyList<FieldShape> shape, FieldValidationMode mode)
    {
        foreach (var field in shape)
        {
            if (!obj.TryGetPropertyValue(field.Name, out var value) || value is null)
            {
                if (field.Required && mode == FieldValidationMode.Strict)
                {
                    throw Invalid($"Required field '{field.Name}' is missing");
                }
                continue;
            }
            CheckValue(field, value, mode);
        }
    }

    private static void CheckValue(FieldShape field, JsonNode value, FieldValidationMode mode)
    {
        var kind = value.GetValueKind();
        var (ok, article) = field.Type switch
        {
            FieldType.String => (kind == JsonValueKind.String, "a string"),
            FieldType.Number => (kind == JsonValueKind.Number, "a number"),
            FieldType.Boolean => (kind is JsonValueKind.True or JsonValueKind.False, "a boolean"),
            FieldType.Object => (kind == JsonValueKind.Object, "an object"),
            FieldType.Array => (kind == JsonValueKind.Array, "an array"),
            _ => (true, ""),
        };
        if (!ok)
        {
            throw Invalid($"Field '{field.Name}' must be {article}");
        }
        if (field.Members is not { } members)
        {
            return;
        }
        if (value is JsonObject nested)
        {
            Check(nested, members, mode);
        }
        else if (value is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                Check(item, members, mode);
            }
        }
    }

    private static TestStateException Invalid(string problem) => new(TestStateError.ValidationException, "mock",
        $"Mock result schema validation error: {problem}", "make mock.result match the integration's response, or set mock.fieldValidationMode to PRESENT or NONE");
}
