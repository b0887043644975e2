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
    private const int KeyBytes = 32;

    private readonly ConcurrentDictionary<string, Waiter> waiting = new(StringComparer.Ordinal);
    private readonly byte[] key;

    /// <param name="key">The MAC key; null draws a random one (tokens then last as long as this instance).</param>
    public TaskTokens(byte[]? key = null)
    {
        if (key is { Length: < KeyBytes })
        {
            throw new ArgumentException($"A task token key needs at least {KeyBytes} bytes.", nameof(key));
        }
        this.key = key ?? RandomNumberGenerator.GetBytes(KeyBytes);
    }

    /// <summary>Tokens for runs that give no tokens of their own (a bare executor run): $$.Task.Token still reaches Parameters
    /// and mocks, and no callback can ever match it.</summary>
    public static TaskTokens Unanswerable { get; } = new();

    /// <summary>Tokens keyed by the secret in <paramref name="keyFile"/> (made on first use, readable by its owner
    /// only), so a task that runs again after a restart gets the token its worker already holds.</summary>
    public static TaskTokens ForKeyFile(string keyFile)
    {
        if (!File.Exists(keyFile))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var created = new FileStream(keyFile, options);
                created.Write(RandomNumberGenerator.GetBytes(KeyBytes));
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another process made it first: use theirs.
            }
        }
        var key = File.ReadAllBytes(keyFile);
        if (key.Length < KeyBytes)
        {
            throw new IOException($"The task token key {keyFile} holds {key.Length} bytes, not {KeyBytes}: delete it to have a new one made (tokens handed out before then stop answering).");
        }
        return new TaskTokens(key);
    }

    /// <summary>The token of one attempt: an HMAC of (execution ARN, state entry, retry) under this instance's
    /// key. The same attempt gets the same token (a resumed task waits under the token its worker holds); without
    /// the key nobody can compute one from an execution ARN they know.</summary>
    public string TokenFor(string executionArn, long enteredEventId, int retryCount)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{executionArn}|{enteredEventId}|{retryCount}"));
        return "AQ" + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
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
