using System.Globalization;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// EventBridge Scheduler for the orchestrator's schedule, in this process: while enabled, at each occurrence of its
/// expression (on the <see cref="ScheduleClock"/>) it starts the target with the schedule's input, its context
/// attributes (<c>&lt;aws.scheduler.scheduled-time&gt;</c> and the others) replaced as Scheduler replaces them.
/// Occurrences while the server was down are not made up for (Scheduler would have fired them; here nothing ran).
/// </summary>
public sealed class ScheduleRunner : IAsyncDisposable
{
    private readonly LocalService service;
    private readonly OrchestratorTriggers triggers;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public ScheduleRunner(LocalService service, OrchestratorTriggers triggers, ScheduleClock clock)
    {
        this.service = service;
        this.triggers = triggers;
        Clock = clock;
        loop = triggers.Schedule.Enabled ? Task.Run(() => RunAsync(stop.Token)) : Task.CompletedTask;
    }

    public ScheduleClock Clock { get; }

    /// <summary>When the next occurrences fire, in real time (none while disabled); each run's scheduled time, on the
    /// schedule's clock, is what <c>&lt;aws.scheduler.scheduled-time&gt;</c> gives it.</summary>
    public IReadOnlyList<DateTimeOffset> NextFireTimes(int count) =>
        triggers.Schedule.Enabled ? [.. triggers.Schedule.Expression.Next(Clock.Now, Clock.Start, count).Select(Clock.RealTimeOf)] : [];

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var after = Clock.Start;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (triggers.Schedule.Expression.Next(after, Clock.Start, 1) is not [var next])
            {
                return; // an at() schedule that has fired, or a cron whose years are past
            }
            try
            {
                await Clock.WaitUntilAsync(next, cancellationToken).ConfigureAwait(false);
                await FireAsync(next).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ApiException or DomainException)
            {
                // Scheduler retries, then drops the invocation; the server says so and keeps the schedule running.
                Console.Error.WriteLine($"sfn-service: the schedule {triggers.ScheduleName} could not start {triggers.TargetArn} at {Time(next)}: {e.Message}");
            }
            after = next;
        }
    }

    private Task FireAsync(DateTimeOffset scheduledTime)
    {
        var input = triggers.Schedule.Input
            .Replace("<aws.scheduler.scheduled-time>", Time(scheduledTime), StringComparison.Ordinal)
            .Replace("<aws.scheduler.schedule-arn>", triggers.ScheduleArn, StringComparison.Ordinal)
            .Replace("<aws.scheduler.execution-id>", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("<aws.scheduler.attempt-number>", "1", StringComparison.Ordinal);
        return TriggerStart.StartAsync(service, triggers.TargetArn, input, StartedBy.Schedule);
    }

    // Scheduler's format for <aws.scheduler.scheduled-time>: ISO 8601 in UTC, to the second.
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
    }
}
