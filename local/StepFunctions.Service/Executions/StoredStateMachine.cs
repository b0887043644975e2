using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>
/// A state machine of the store as the target of <c>arn:aws:states:::states:startExecution</c> (registered with the
/// executor's nested-execution integration, which shapes the task's result): the child is a stored execution like
/// any other (listed, described, redrivable, shown in the console) instead of an in-memory run, and <c>.sync</c>
/// waits for it to end. A parent resumed after a restart starts its child again under the same name and input,
/// which finds the child already there and waits for it, as AWS's idempotent StartExecution does.
/// </summary>
internal sealed class StoredStateMachine(StateMachineRecord machine, ExecutionManager executions, SqliteStore store) : IStateMachine
{
    public string Name => machine.Name;

    public string Arn => machine.Arn;

    public async Task<ExecutionResult> ExecuteAsync(JsonNode? input, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var name = options?.ExecutionName ?? Guid.NewGuid().ToString();
        if (machine.Type == "EXPRESS")
        {
            Task<ExecutionResult> run;
            try
            {
                run = executions.Express.RunAsync(machine, name, input, testCase: null);
            }
            catch (DomainException e)
            {
                throw TaskError(e); // beyond the EXPRESS cap
            }
            return await run.ConfigureAwait(false);
        }
        var inputText = Json.Serialize(input);
        var arn = Arns.Execution(machine.Arn, name);
        try
        {
            Arns.CheckName(name, "execution");
            if (store.GetExecution(arn) is not { } existing || existing.Input != inputText)
            {
                await executions.StartAsync(machine, name, inputText, input, testCase: null, StartedBy.Execution).ConfigureAwait(false);
            }
        }
        catch (DomainException e)
        {
            throw TaskError(e);
        }
        ExecutionRecord ended;
        try
        {
            ended = await executions.WaitForEndAsync(arn, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!executions.ShuttingDown)
        {
            // The parent was stopped while it waited (.sync): AWS stops the child too. (When the server stops,
            // both stay RUNNING and resume at the next start.)
            await executions.StopAsync(arn, "States.Aborted", "The parent execution was stopped.").ConfigureAwait(false);
            throw;
        }
        return new ExecutionResult
        {
            ExecutionArn = ended.Arn,
            Status = ended.Status,
            Output = ended.Output is null ? null : Json.Parse(ended.Output),
            Error = ended.Error,
            Cause = ended.Cause,
            StartDate = ended.StartDate,
            StopDate = ended.StopDate ?? DateTimeOffset.UtcNow,
            History = [],
        };
    }

    /// <summary>The task fails as on AWS: StepFunctions.&lt;exception&gt;, e.g. StepFunctions.ExecutionAlreadyExistsException.</summary>
    private static StatesException TaskError(DomainException e) =>
        new($"StepFunctions.{e.ExceptionName}", $"{e.Message} (Service: AWSStepFunctions; Status Code: 400; Error Code: {e.Code})");
}
