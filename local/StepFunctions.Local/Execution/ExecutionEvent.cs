using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.InputOutput;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Execution;

/// <summary>Something that happened in an execution, published once to every <see cref="IExecutionSubscriber"/>.
/// Most events are history events: they carry the <see cref="Id"/> and <see cref="PreviousEventId"/> that
/// GetExecutionHistory shows and turn into that shape with <see cref="ToHistoryEvent"/>. The typed properties
/// also carry facts only a live view needs (durations, cold starts, log lines), which history leaves out.
/// Nodes are shared with the execution: read them, never change them.</summary>
public abstract record ExecutionEvent
{
    /// <summary>The execution this event belongs to.</summary>
    public ExecutionInfo Execution { get; internal set; } = null!;

    /// <summary>The history event id (1, 2, …), or 0 for an event that is not part of the history
    /// (<see cref="StateFailedEvent"/>, a task failure AWS does not record).</summary>
    public long Id { get; internal set; }

    /// <summary>The event this one follows in its thread of control (a Parallel branch or Map iteration has its own).</summary>
    public long PreviousEventId { get; internal set; }

    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>Where the event happened: "" at top level, <c>Map[3]/</c> or <c>Parallel#1/</c> inside.</summary>
    public string Scope { get; internal set; } = "";

    /// <summary>The same place, unique across the whole execution even when a loop enters a Map or Parallel
    /// again (<c>Map#2[3]/</c> is item 3 of the second visit): what a store keeps so that
    /// <see cref="ExecutionReplay"/> can find the event again.</summary>
    public string ScopeKey { get; internal set; } = "";

    /// <summary>The history event type, e.g. <c>TaskStateEntered</c>, <c>LambdaFunctionSucceeded</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Whether the event gets an id and a place in the history.</summary>
    public virtual bool InHistory => true;

    /// <summary>The execution's last event: recorded even past the history-size limit.</summary>
    internal virtual bool IsFinal => false;

    /// <summary>AWS's chain passes this event by: the next event of its branch points where this one points
    /// (ExecutionStarted: the first state's Entered points at 0; MapStateSucceeded/ParallelStateSucceeded: the
    /// Exited event points at the last branch event; MapIterationFailed: MapStateFailed does too).</summary>
    internal virtual bool IsPassedBy => false;

    /// <summary>The name of the <c>*EventDetails</c> field, null when the type has none.</summary>
    internal virtual string? DetailsName => null;

    internal virtual EventDetails? Details() => null;

    /// <summary>The event as GetExecutionHistory returns it (details serialised on first read).</summary>
    public HistoryEvent ToHistoryEvent() => Id > 0
        ? new HistoryEvent(Id, PreviousEventId, Timestamp, Type, DetailsName, Details())
        : throw new InvalidOperationException($"{GetType().Name} is not a history event.");

    private protected static EventDetails Payload(string field, JsonNode? node, params (string Key, object? Value)[] more) =>
        EventDetails.Of([(field, new LazyJson(node)), (field + "Details", EventDetails.NotTruncated), .. more]);
}

public sealed record ExecutionStartedEvent(JsonNode? Input, string RoleArn) : ExecutionEvent
{
    public const string EventType = "ExecutionStarted";

    public override string Type => EventType;
    internal override bool IsPassedBy => true;

    internal override string DetailsName => "executionStartedEventDetails";

    internal override EventDetails Details() => Payload("input", Input, ("roleArn", RoleArn));
}

/// <summary>A redrive started: the first event of the rerun, with the execution's new redrive count.</summary>
public sealed record ExecutionRedrivenEvent(int RedriveCount) : ExecutionEvent
{
    public const string EventType = "ExecutionRedriven";

    public override string Type => EventType;

    internal override string DetailsName => "executionRedrivenEventDetails";

    internal override EventDetails Details() => EventDetails.Of(("redriveCount", RedriveCount));
}

/// <summary>The data after one processing step of a state (TestState's <c>inspectionData</c>): <c>afterInputPath</c>,
/// <c>afterParameters</c>, <c>result</c>, <c>afterResultSelector</c>, <c>afterResultPath</c>. Published only when
/// <see cref="ExecutionOptions.Inspect"/> is on; not a history event.</summary>
public sealed record InspectionEvent(string StateName, InspectionStage Step, JsonNode? Data) : ExecutionEvent
{
    /// <summary>The step's <c>inspectionData</c> member name.</summary>
    public string Stage => Step.ApiName();

    public override string Type => "Inspection";

    public override bool InHistory => false;
}

/// <summary>The execution's last event: ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut or ExecutionAborted.</summary>
public sealed record ExecutionEndedEvent(ExecutionStatus Status, JsonNode? Output, string? Error, string? Cause) : ExecutionEvent
{
    public override string Type => "Execution" + Status;

    internal override bool IsFinal => true;

    internal override string DetailsName => "execution" + Status + "EventDetails";

    internal override EventDetails Details() => Status == ExecutionStatus.Succeeded
        ? Payload("output", Output)
        : EventDetails.Of(("error", Error), ("cause", Cause));
}

/// <summary>A state was entered. <paramref name="StateType"/> is the ASL type: Task, Pass, Map…</summary>
public sealed record StateEnteredEvent(string StateName, StateType StateType, JsonNode? Input) : ExecutionEvent
{
    /// <summary>1 the first time this state is entered in its scope, 2 the second (a loop), …</summary>
    public int Visit { get; init; } = 1;

    public override string Type => StateType + "StateEntered";

    internal override string DetailsName => "stateEnteredEventDetails";

    internal override EventDetails Details() => Payload("input", Input, ("name", StateName));
}

/// <summary>A state finished and passes <paramref name="Output"/> on; <paramref name="Duration"/> since it was entered.</summary>
public sealed record StateExitedEvent(string StateName, StateType StateType, JsonNode? Output, TimeSpan Duration, JsonObject? AssignedVariables = null)
    : ExecutionEvent
{
    /// <summary>The visit of the state that exited (see <see cref="StateEnteredEvent.Visit"/>).</summary>
    public int Visit { get; init; } = 1;

    /// <summary>The state the execution goes to next, or null when this state ended its branch.</summary>
    public string? Next { get; init; }

    public override string Type => StateType + TypeSuffix;

    private const string TypeSuffix = "StateExited";

    /// <summary>Whether a recorded history type is a state's exit (PassStateExited, TaskStateExited, …).</summary>
    public static bool IsExit(string type) => type.EndsWith(TypeSuffix, StringComparison.Ordinal);

    internal override string DetailsName => "stateExitedEventDetails";

    // AWS records each assigned variable as its JSON text, beside the output.
    internal override EventDetails Details() => AssignedVariables is null
        ? Payload("output", Output, ("name", StateName))
        : Payload("output", Output, ("name", StateName),
            ("assignedVariables", new JsonObject(AssignedVariables.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(Json.Serialize(p.Value)))))),
            ("assignedVariablesDetails", EventDetails.NotTruncated));
}

/// <summary>A JSONata expression failed (States.QueryEvaluationError) in <paramref name="Location"/>, e.g. "Output/v".</summary>
public sealed record EvaluationFailedEvent(string StateName, string Error, string? Cause, string Location) : ExecutionEvent
{
    public override string Type => "EvaluationFailed";

    internal override string DetailsName => "evaluationFailedEventDetails";

    internal override EventDetails Details() => EventDetails.Of(("error", Error), ("cause", Cause), ("location", Location), ("state", StateName));
}

/// <summary>A state failed (no Catch handled it). Not a history event: AWS records the failure on the task or
/// the execution, so this one exists for live views.</summary>
public sealed record StateFailedEvent(string StateName, StateType StateType, string Error, string? Cause, TimeSpan Duration) : ExecutionEvent
{
    public override string Type => "StateFailed";

    public override bool InHistory => false;
}

/// <summary>TaskStateAborted: a Task whose failure ends its Parallel branch or Map iteration (AWS records it after
/// the TaskFailed, without details). The branch's next event points past it, at the failure.</summary>
public sealed record TaskStateAbortedEvent(string StateName) : ExecutionEvent
{
    public override string Type => "TaskStateAborted";
    internal override bool IsPassedBy => true;
}

/// <summary>MapStateStarted, with the number of items.</summary>
public sealed record MapStateStartedEvent(string StateName, int Length) : ExecutionEvent
{
    public override string Type => "MapStateStarted";

    internal override string DetailsName => "mapStateStartedEventDetails";

    internal override EventDetails Details() => EventDetails.Of(("length", Length));
}

/// <summary>The detail-less progress events of Map and Parallel, named as in the history.</summary>
public enum CompositeEventType
{
    ParallelStateStarted,
    ParallelStateSucceeded,
    ParallelStateFailed,
    MapStateSucceeded,
    MapStateFailed,
}

/// <summary>One of the <see cref="CompositeEventType"/> events of a Map or Parallel state.</summary>
public sealed record CompositeStateEvent(string StateName, CompositeEventType Kind) : ExecutionEvent
{
    public override string Type => Kind.ToString();
    internal override bool IsPassedBy => Kind is CompositeEventType.MapStateSucceeded or CompositeEventType.ParallelStateSucceeded;
}

/// <summary>What happened to one Map iteration.</summary>
public enum MapIterationStatus
{
    Started,
    Succeeded,
    Failed,
    Aborted,
}

/// <summary>MapIterationStarted, MapIterationSucceeded, MapIterationFailed or MapIterationAborted.</summary>
public sealed record MapIterationEvent(string StateName, int Index, MapIterationStatus Status) : ExecutionEvent
{
    public override string Type => TypeOf(Status);
    internal override bool IsPassedBy => Status == MapIterationStatus.Failed;

    internal override string DetailsName => Status switch
    {
        MapIterationStatus.Started => "mapIterationStartedEventDetails",
        MapIterationStatus.Succeeded => "mapIterationSucceededEventDetails",
        MapIterationStatus.Failed => "mapIterationFailedEventDetails",
        _ => "mapIterationAbortedEventDetails",
    };

    internal override EventDetails Details() => EventDetails.Of(("name", StateName), ("index", Index));

    /// <summary>The history type of an iteration event with <paramref name="status"/>.</summary>
    public static string TypeOf(MapIterationStatus status) => status switch
    {
        MapIterationStatus.Started => "MapIterationStarted",
        MapIterationStatus.Succeeded => "MapIterationSucceeded",
        MapIterationStatus.Failed => "MapIterationFailed",
        _ => "MapIterationAborted",
    };
}

/// <summary>The events of one Task attempt. Plain Lambda function ARNs record <c>LambdaFunction*</c> events
/// without resource fields, as AWS does; service integrations record <c>Task*</c> events that name their resource.</summary>
public abstract record TaskEvent(string StateName, ResourceArn Resource) : ExecutionEvent
{
    private protected string Prefix => Resource.IsLambdaFunction ? "LambdaFunction" : "Task";

    private protected string DetailsPrefix => Resource.IsLambdaFunction ? "lambdaFunction" : "task";

    private protected EventDetails WithResource(params (string Key, object? Value)[] fields) => Resource.IsLambdaFunction
        ? EventDetails.Of(fields)
        : EventDetails.Of([("resourceType", Resource.ResourceType), ("resource", Resource.ResourceName), .. fields]);
}

/// <summary>An attempt was scheduled with its effective <paramref name="Parameters"/>; <paramref name="RetryCount"/> is 0 for the first.</summary>
public sealed record TaskScheduledEvent(string StateName, ResourceArn Resource, JsonNode? Parameters, int RetryCount, int? TimeoutSeconds, int? HeartbeatSeconds)
    : TaskEvent(StateName, Resource)
{
    public override string Type => Prefix + "Scheduled";

    internal override string DetailsName => DetailsPrefix + "ScheduledEventDetails";

    internal override EventDetails Details()
    {
        var fields = new List<(string, object?)>(6);
        if (Resource.IsLambdaFunction)
        {
            fields.Add(("resource", Resource.Text));
            fields.Add(("input", new LazyJson(Parameters)));
            fields.Add(("inputDetails", EventDetails.NotTruncated));
        }
        else
        {
            fields.Add(("resourceType", Resource.ResourceType));
            fields.Add(("resource", Resource.ResourceName));
            fields.Add(("region", Arn.TryParse(Execution.StateMachineArn, out var arn) && arn.Region.Length > 0 ? arn.Region : LocalAccount.Region));
            fields.Add(("parameters", new LazyJson(Parameters)));
        }
        if (TimeoutSeconds is not null)
        {
            fields.Add(("timeoutInSeconds", TimeoutSeconds.Value));
        }
        if (HeartbeatSeconds is not null && !Resource.IsLambdaFunction)
        {
            fields.Add(("heartbeatInSeconds", HeartbeatSeconds.Value));
        }
        return EventDetails.Of([.. fields]);
    }
}

/// <summary>The integration was found and the attempt started.</summary>
public sealed record TaskStartedEvent(string StateName, ResourceArn Resource) : TaskEvent(StateName, Resource)
{
    public override string Type => Prefix + "Started";

    internal override string? DetailsName => Resource.IsLambdaFunction ? null : "taskStartedEventDetails";

    internal override EventDetails? Details() => Resource.IsLambdaFunction ? null : WithResource();
}

/// <summary>A <c>.sync</c> integration submitted its job (e.g. RunTask's response) and now waits for it.</summary>
public sealed record TaskSubmittedEvent(string StateName, ResourceArn Resource, JsonNode? Output) : TaskEvent(StateName, Resource)
{
    public override string Type => "TaskSubmitted";

    internal override string DetailsName => "taskSubmittedEventDetails";

    internal override EventDetails Details() => WithResource(("output", new LazyJson(Output)), ("outputDetails", EventDetails.NotTruncated));
}

/// <summary>An attempt succeeded. <paramref name="Lambda"/> is what a Lambda invocation reported besides its
/// payload (cold start, durations, log lines), for live views; null for other integrations.</summary>
public sealed record TaskSucceededEvent(string StateName, ResourceArn Resource, JsonNode? Output, TimeSpan Duration, LambdaInvocationReport? Lambda)
    : TaskEvent(StateName, Resource)
{
    public override string Type => Prefix + "Succeeded";

    internal override string DetailsName => DetailsPrefix + "SucceededEventDetails";

    internal override EventDetails Details() => WithResource(("output", new LazyJson(Output)), ("outputDetails", EventDetails.NotTruncated));
}

/// <summary>An attempt failed or timed out (Retry/Catch decide what follows). Terminal errors other than
/// States.DataLimitExceeded are not history events, as on AWS.</summary>
public sealed record TaskFailedEvent(string StateName, ResourceArn Resource, string Error, string? Cause, TimeSpan Duration, LambdaInvocationReport? Lambda)
    : TaskEvent(StateName, Resource)
{
    private bool TimedOut => Error == StatesErrors.Timeout;

    public override string Type => Prefix + (TimedOut ? "TimedOut" : "Failed");

    public override bool InHistory => !StatesErrors.IsTerminal(Error) || Error == StatesErrors.DataLimitExceeded;

    internal override string DetailsName => DetailsPrefix + (TimedOut ? "TimedOutEventDetails" : "FailedEventDetails");

    internal override EventDetails Details() => WithResource(("error", Error), ("cause", Cause));
}
