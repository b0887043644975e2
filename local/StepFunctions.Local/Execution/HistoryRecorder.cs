namespace StepFunctions.Local.Execution;

/// <summary>Thread-safe, append-only history with AWS's event-count limit.</summary>
internal sealed class HistoryRecorder(bool enabled, int? maxEvents)
{
    private readonly List<HistoryEvent> events = [];
    private readonly Lock gate = new();
    private long lastId;

    public bool Enabled { get; } = enabled;

    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    /// <summary>Appends an event and returns its id. <paramref name="final"/> events (the execution's last)
    /// are kept even past the limit so the failure itself is visible.</summary>
    public long Add(string type, long previousEventId, string? detailsName, EventDetails? details, bool final = false)
    {
        lock (gate)
        {
            var id = ++lastId;
            if (!final && maxEvents is { } max && id > max)
            {
                throw new StatesException(StatesErrors.Runtime,
                    $"The execution reached the limit of {max} history events. Split the work into child executions or a Distributed Map.");
            }
            if (Enabled)
            {
                events.Add(new HistoryEvent(id, previousEventId, DateTimeOffset.UtcNow, type, detailsName, details));
            }
            return id;
        }
    }
}
