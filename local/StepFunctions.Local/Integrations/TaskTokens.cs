using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations;

/// <summary>How a callback for a task token ended, as SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat find it.</summary>
public enum TaskTokenAnswer
{
    Accepted,

    /// <summary>No task waits for this token (never issued, already answered, or its task ended).</summary>
    Unknown,
}

/// <summary>
/// The tasks waiting for a callback (<c>.waitForTaskToken</c>): a token is registered before the integration sends
/// it out, so an answer that arrives while the send is still in flight is not lost, and the task then waits for
/// SendTaskSuccess, SendTaskFailure, or a missed heartbeat. One instance serves every execution of a service.
/// </summary>
public sealed class TaskTokens
{
    private readonly ConcurrentDictionary<string, Waiter> waiting = new(StringComparer.Ordinal);

    /// <summary>The token of one attempt: the same for the same execution, state entry and retry, so a task that
    /// runs again after a restart waits under the token its worker already holds.</summary>
    public static string TokenFor(string executionArn, long enteredEventId, int retryCount)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{executionArn}|{enteredEventId}|{retryCount}"));
        return "AQ" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Starts waiting for <paramref name="token"/>; the returned waiter must be disposed when the task ends.</summary>
    public Waiter Register(string token)
    {
        var waiter = new Waiter(this, token);
        waiting[token] = waiter;
        return waiter;
    }

    public TaskTokenAnswer Succeed(string token, JsonNode? output) =>
        Answer(token, waiter => waiter.Outcome.TrySetResult(output));

    public TaskTokenAnswer Fail(string token, string? error, string? cause) =>
        Answer(token, waiter => waiter.Outcome.TrySetException(new StatesException(error ?? "", cause)));

    public TaskTokenAnswer Heartbeat(string token) =>
        Answer(token, waiter =>
        {
            waiter.Beat();
            return true;
        });

    private TaskTokenAnswer Answer(string token, Func<Waiter, bool> apply) =>
        waiting.TryGetValue(token, out var waiter) && !waiter.Outcome.Task.IsCompleted && apply(waiter)
            ? TaskTokenAnswer.Accepted
            : TaskTokenAnswer.Unknown;

    /// <summary>One task waiting for its callback.</summary>
    public sealed class Waiter(TaskTokens owner, string token) : IDisposable
    {
        private long lastHeartbeat = Environment.TickCount64;

        internal TaskCompletionSource<JsonNode?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal void Beat() => Interlocked.Exchange(ref lastHeartbeat, Environment.TickCount64);

        public string Token { get; } = token;

        /// <summary>The output SendTaskSuccess gave; SendTaskFailure's error as a <see cref="StatesException"/>;
        /// <see cref="StatesErrors.HeartbeatTimeout"/> when no heartbeat (nor answer) came for
        /// <paramref name="heartbeatSeconds"/>, counted from the task's start.</summary>
        public async Task<JsonNode?> WaitAsync(int? heartbeatSeconds, CancellationToken cancellationToken)
        {
            if (heartbeatSeconds is not { } seconds)
            {
                return await Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            var limit = TimeSpan.FromSeconds(seconds);
            Beat();
            while (true)
            {
                var quiet = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastHeartbeat));
                if (quiet >= limit)
                {
                    Outcome.TrySetException(new StatesException(StatesErrors.HeartbeatTimeout,
                        $"The task token was not answered, nor its heartbeat sent, within the HeartbeatSeconds of {seconds} seconds."));
                }
                try
                {
                    return await Outcome.Task.WaitAsync(limit - quiet < TimeSpan.Zero ? TimeSpan.Zero : limit - quiet, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The heartbeat window ended: look again, a heartbeat may have moved it.
                }
            }
        }

        public void Dispose() => owner.waiting.TryRemove(new KeyValuePair<string, Waiter>(Token, this));
    }
}
