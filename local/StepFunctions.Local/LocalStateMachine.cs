using System.Text.Json.Nodes;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.States;

namespace StepFunctions.Local;

/// <summary>Thrown by <see cref="LocalStateMachine.Create"/> for a definition with errors.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception("The state machine definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>A parsed, validated and compiled state machine. Thread-safe: run any number of executions at once.</summary>
public sealed class LocalStateMachine
{
    private readonly CompiledGraph graph;
    private long executionCounter;

    private LocalStateMachine(StateMachineDefinition definition, string name, string arn, IReadOnlyList<Diagnostic> warnings)
    {
        Definition = definition;
        Name = name;
        Arn = arn;
        Warnings = warnings;
        graph = new CompiledGraph(definition);
        var parts = arn.Split(':');
        executionArnPrefix = parts.Length >= 7 ? $"arn:aws:states:{parts[3]}:{parts[4]}:execution:{parts[6]}:" : arn + ":";
    }

    private readonly string executionArnPrefix;

    public StateMachineDefinition Definition { get; }
    public string Name { get; }
    public string Arn { get; }
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>Validates without compiling: the diagnostics ValidateStateMachineDefinition would list.</summary>
    public static DefinitionParseResult Validate(string definitionJson) => DefinitionParser.Parse(definitionJson);

    public static LocalStateMachine Create(string definitionJson, string name = "LocalStateMachine", string? arn = null)
    {
        var parsed = DefinitionParser.Parse(definitionJson);
        if (parsed.Definition is null)
        {
            throw new InvalidDefinitionException(parsed.Diagnostics);
        }
        arn ??= $"arn:aws:states:us-east-1:123456789012:stateMachine:{name}";
        return new LocalStateMachine(parsed.Definition, name, arn, [.. parsed.Diagnostics]);
    }

    public async Task<ExecutionResult> ExecuteAsync(JsonNode? input, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ExecutionOptions();
        Json.Materialize(input);
        var executionName = options.ExecutionName ?? $"local-{Interlocked.Increment(ref executionCounter)}-{Guid.NewGuid():N}";
        var executionArn = executionArnPrefix + executionName;
        var info = new ExecutionInfo
        {
            ExecutionArn = executionArn,
            Name = executionName,
            RoleArn = options.RoleArn,
            Input = input,
            StartTime = DateTimeOffset.UtcNow,
            StateMachineArn = Arn,
            StateMachineName = Name,
        };
        var runtime = new ExecutionRuntime(info, options);
        foreach (var observer in runtime.Observers)
        {
            observer.OnExecutionStarted(info);
        }
        using var timeout = Definition.TimeoutSeconds is not null ? new CancellationTokenSource() : null;
        if (timeout is not null)
        {
            Durations.CancelAfter(timeout, TimeSpan.FromSeconds(Definition.TimeoutSeconds!.Value));
        }
        // Only link tokens when there is something to link: most runs have neither a timeout nor a caller token.
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var scope = new BranchScope(runtime, linked?.Token ?? cancellationToken, 0, "");
        ExecutionResult result;
        try
        {
            runtime.CheckPayload(input, "execution input", "input");
            scope.Record("ExecutionStarted", "executionStartedEventDetails", runtime.Recording
                ? EventDetails.Of(("input", new LazyJson(input)), ("inputDetails", EventDetails.NotTruncated), ("roleArn", options.RoleArn))
                : null);
            var outcome = await GraphRunner.RunAsync(graph, input, scope).ConfigureAwait(false);
            if (outcome.Failure is { } failure)
            {
                result = Finish(scope, info, ExecutionStatus.Failed, null, failure.Error, failure.Cause);
            }
            else
            {
                scope.Record("ExecutionSucceeded", "executionSucceededEventDetails", runtime.Recording
                    ? EventDetails.Of(("output", new LazyJson(outcome.Output)), ("outputDetails", EventDetails.NotTruncated))
                    : null, final: true);
                result = Build(runtime, info, ExecutionStatus.Succeeded, outcome.Output, null, null);
            }
        }
        catch (StatesException e)
        {
            result = Finish(scope, info, ExecutionStatus.Failed, null, e.Error, e.Cause);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            result = Finish(scope, info, ExecutionStatus.TimedOut, "executionTimedOutEventDetails", StatesErrors.Timeout,
                $"The execution exceeded the state machine's TimeoutSeconds of {Definition.TimeoutSeconds} seconds.");
        }
        catch (OperationCanceledException)
        {
            result = Finish(scope, info, ExecutionStatus.Aborted, "executionAbortedEventDetails", "States.Aborted", "The execution was stopped by its caller.");
        }
        foreach (var observer in runtime.Observers)
        {
            observer.OnExecutionCompleted(result);
        }
        return result;
    }

    private static ExecutionResult Finish(BranchScope scope, ExecutionInfo info, ExecutionStatus status, string? detailsName, string error, string? cause)
    {
        var type = status switch
        {
            ExecutionStatus.Failed => "ExecutionFailed",
            ExecutionStatus.TimedOut => "ExecutionTimedOut",
            _ => "ExecutionAborted",
        };
        var errorOrNull = error.Length == 0 ? null : error;
        scope.Record(type, detailsName ?? "executionFailedEventDetails",
            scope.Runtime.Recording ? EventDetails.Of(("error", errorOrNull), ("cause", cause)) : null, final: true);
        return Build(scope.Runtime, info, status, null, errorOrNull, cause);
    }

    private static ExecutionResult Build(ExecutionRuntime runtime, ExecutionInfo info, ExecutionStatus status, JsonNode? output, string? error, string? cause) => new()
    {
        ExecutionArn = info.ExecutionArn,
        Status = status,
        Output = output,
        Error = error,
        Cause = cause,
        StartDate = info.StartTime,
        StopDate = DateTimeOffset.UtcNow,
        History = runtime.History.Events,
    };
}
