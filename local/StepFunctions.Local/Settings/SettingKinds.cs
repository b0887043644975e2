namespace StepFunctions.Local.Settings;

/// <summary>Every setting field of the States Language that can be written, read by a path or computed, with its
/// kind: a new field of an existing kind is one row here.</summary>
public static class SettingKinds
{
    /// <summary>Wait: how long to wait.</summary>
    public static readonly WaitSecondsKind Seconds = new();

    /// <summary>Wait: until when.</summary>
    public static readonly TimestampKind Timestamp = new();

    /// <summary>Task: how long an attempt may run.</summary>
    public static readonly TaskSecondsKind TimeoutSeconds = new("TimeoutSeconds");

    /// <summary>Task: the longest gap between heartbeats of a callback task.</summary>
    public static readonly TaskSecondsKind HeartbeatSeconds = new("HeartbeatSeconds");

    /// <summary>Map: iterations at once (0 = no limit).</summary>
    public static readonly MapCountKind MaxConcurrency = new("MaxConcurrency", n => $"Expected non-negative integer for MaxConcurrency, got '{n}' instead.");

    /// <summary>Map: failed iterations tolerated.</summary>
    public static readonly MapCountKind ToleratedFailureCount = new("ToleratedFailureCount", _ => "ToleratedFailureCount cannot be negative.");

    /// <summary>Map: share of failed iterations tolerated.</summary>
    public static readonly PercentageKind ToleratedFailurePercentage = new();

    /// <summary>Fail: the error name.</summary>
    public static readonly TextKind Error = new("Error");

    /// <summary>Fail: the cause.</summary>
    public static readonly TextKind Cause = new("Cause");
}
