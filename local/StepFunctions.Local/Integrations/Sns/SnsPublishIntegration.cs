using System.Text.Json.Nodes;
using System.Text;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.Sns;

/// <summary>A message published through <c>arn:aws:states:::sns:publish</c>.</summary>
public sealed record SnsMessage(string MessageId, string? TopicArn, string Message, string? Subject, JsonObject Parameters, DateTimeOffset Timestamp);

/// <summary>Where published messages go. Issue 6 uses <see cref="FileSnsOutbox"/>.</summary>
public interface ISnsOutbox
{
    ValueTask AppendAsync(SnsMessage message, CancellationToken cancellationToken);
}

/// <summary>Keeps messages in memory (tests).</summary>
public sealed class InMemorySnsOutbox : ISnsOutbox
{
    private readonly List<SnsMessage> messages = [];
    private readonly Lock gate = new();

    public IReadOnlyList<SnsMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public ValueTask AppendAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            messages.Add(message);
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Appends one JSON object per line to a file: {"MessageId","TopicArn","Subject","Message","Timestamp"}.</summary>
public sealed class FileSnsOutbox(string path) : ISnsOutbox
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Path { get; } = path;

    public async ValueTask AppendAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        var line = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["TopicArn"] = message.TopicArn,
            ["Subject"] = message.Subject,
            ["Message"] = message.Message,
            ["Timestamp"] = StateContext.FormatTime(message.Timestamp),
        };
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            await File.AppendAllTextAsync(Path, Json.Serialize(line) + "\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Simulated <c>arn:aws:states:::sns:publish</c>: validates like SNS, appends to an outbox and returns
/// <c>{"MessageId","SdkHttpMetadata","SdkResponseMetadata"}</c>.</summary>
public sealed class SnsPublishIntegration(ISnsOutbox outbox) : IResourceResolver, ITaskIntegration
{
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "sns", Action: "publish", Pattern: "" } ? this : null;

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var requestId = AwsResponse.NewRequestId();
        if (invocation.Input is not JsonObject parameters)
        {
            throw Invalid("Parameters must be an object with TopicArn and Message", requestId);
        }
        var topic = Json.IsString(parameters["TopicArn"], out var t) ? t : Json.IsString(parameters["TargetArn"], out var target) ? target : null;
        if (topic is null && !parameters.ContainsKey("PhoneNumber"))
        {
            throw Invalid("TopicArn or TargetArn Reason: no value for required parameter", requestId);
        }
        if (!parameters.TryGetPropertyValue("Message", out var messageNode) || messageNode is null)
        {
            throw Invalid("Message: Value null at 'message' failed to satisfy constraint: Member must not be null", requestId);
        }
        // SNS takes a string; Step Functions serialises a JSON Message for you.
        var message = Json.IsString(messageNode, out var text) ? text : Json.Serialize(messageNode);
        var subject = Json.IsString(parameters["Subject"], out var s) ? s : null;
        var messageId = Guid.NewGuid().ToString();
        await outbox.AppendAsync(new SnsMessage(messageId, topic, message, subject, (JsonObject)parameters.DeepClone(), DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["MessageId"] = messageId,
            ["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "text/xml"),
            ["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId),
        };
    }

    private static StatesException Invalid(string detail, string requestId) =>
        new("SNS.InvalidParameterException",
            $"Invalid parameter: {detail} (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: {requestId}; Proxy: null)");
}
