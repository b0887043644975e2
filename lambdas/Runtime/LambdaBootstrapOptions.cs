namespace Lambdas.Runtime;

/// <summary>Seams for tests and tools; a deployed bootstrap uses the defaults (process environment, stdout).</summary>
public sealed class LambdaBootstrapOptions
{
    /// <summary>Settings to use instead of the process environment.</summary>
    public LambdaEnvironment? Environment { get; init; }

    /// <summary>Where log records go; stdout by default.</summary>
    public Stream? LogOutput { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Cap the GC heap at AWS_LAMBDA_FUNCTION_MEMORY_SIZE (on by default; in-process tests turn it off).</summary>
    public bool ApplyHeapLimit { get; init; } = true;

    /// <summary>Export each invocation's trace header as _X_AMZN_TRACE_ID, as Lambda runtimes do.</summary>
    public bool ExportTraceId { get; init; } = true;
}
