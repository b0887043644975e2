using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
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
public sealed class LocalStateMachine : IStateMachine
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
    }

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
        arn ??= Aws.Local.Arn.Local("states", $"stateMachine:{name}").ToString();
        return new LocalStateMachine(parsed.Definition, name, arn, [.. parsed.Diagnostics]);
    }

    public async Task<ExecutionResult> ExecuteAsync(JsonNode? input, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ExecutionOptions();
        Json.Materialize(input);
        var executionName = options.ExecutionName ?? $"local-{Interlocked.Increment(ref executionCounter)}-{Guid.NewGuid():N}";
        var executionArn = ExecutionInfo.ArnOf(Arn, executionName);
        var info = new ExecutionInfo
        {
            ExecutionArn = executionArn,
            Name = executionName,
            RoleArn = options.RoleArn,
            Input = input,
            StartTime = options.Replay?.StartTime ?? DateTimeOffset.UtcNow,
            StateMachineArn = Arn,
            StateMachineName = Name,
            RedriveCount = options.Replay?.RedriveCount ?? 0,
            RedriveTime = options.Replay is { RedriveCount: > 0 } redriven ? redriven.RedriveTime ?? DateTimeOffset.UtcNow : null,
            ContextOverlay = options.Context,
        };
        var runtime = new ExecutionRuntime(info, options);
        using var timeout = Definition.TimeoutSeconds is not null ? new CancellationTokenSource() : null;
        if (timeout is not null)
        {
            Durations.CancelAfter(timeout, TimeSpan.FromSeconds(Definition.TimeoutSeconds!.Value));
        }
        // Only link tokens when there is something to link: most runs have neither a timeout nor a caller token.
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // A redrive's events follow the recorded ones; a resume finds its place event by event.
        var scope = new BranchScope(runtime, linked?.Token ?? cancellationToken, runtime.Replay?.FirstPreviousId ?? 0, "", "",
            new VariableScope());
        if (options.Variables is { } variables)
        {
            scope.Variables.Assign(variables);
        }
        try
        {
            runtime.CheckPayload(input, "execution input", "input");
            // A redriven execution's runs begin with ExecutionRedriven (resuming one repeats it, and is deduplicated).
            scope.Publish(info.RedriveCount > 0 ? new ExecutionRedrivenEvent(info.RedriveCount) : new ExecutionStartedEvent(input, options.RoleArn));
            var outcome = await GraphRunner.RunAsync(graph, input, scope).ConfigureAwait(false);
            return outcome.Failure is { } failure
                ? End(scope, info, ExecutionStatus.Failed, null, failure.Error, failure.Cause)
                : End(scope, info, ExecutionStatus.Succeeded, outcome.Output, null, null);
        }
        catch (StatesException e)
        {
            return End(scope, info, ExecutionStatus.Failed, null, e.Error, e.Cause);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            return End(scope, info, ExecutionStatus.TimedOut, null, StatesErrors.Timeout,
                $"The execution exceeded the state machine's TimeoutSeconds of {Definition.TimeoutSeconds} seconds.");
        }
        catch (OperationCanceledException)
        {
            return End(scope, info, ExecutionStatus.Aborted, null, "States.Aborted", "The execution was stopped by its caller.");
        }
    }

    private static ExecutionResult End(BranchScope scope, ExecutionInfo info, ExecutionStatus status, JsonNode? output, string? error, string? cause)
    {
        error = error?.Length == 0 ? null : error;
        var ended = new ExecutionEndedEvent(status, output, error, cause);
        scope.Publish(ended);
        return new ExecutionResult
        {
            ExecutionArn = info.ExecutionArn,
            Status = status,
            Output = output,
            Error = error,
            Cause = cause,
            StartDate = info.StartTime,
            StopDate = ended.Timestamp,
            History = scope.Runtime.History?.Events ?? [],
        };
    }
}
