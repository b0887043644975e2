namespace StepFunctions.Service.Executions;

/// <summary>How many of something may run at once. A slot is taken or refused with AWS's ThrottlingException,
/// never waited for: a client that is throttled retries (the SDKs do so by themselves), where one left waiting
/// would hold its connection and memory anyway.</summary>
internal sealed class ConcurrencyCap
{
    private readonly int capacity;
    private readonly string what;
    private int taken;

    /// <param name="what">What is counted and the setting that raises the cap, for the refusal's message.</param>
    public ConcurrencyCap(int capacity, string what)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        this.what = what;
    }

    /// <summary>Takes a slot, to <see cref="Release"/> once; beyond the cap a ThrottlingException.</summary>
    public void Take()
    {
        if (Interlocked.Increment(ref taken) > capacity)
        {
            Interlocked.Decrement(ref taken);
            throw DomainException.Throttling($"this server allows {capacity} {what}");
        }
    }

    public void Release() => Interlocked.Decrement(ref taken);
}
