namespace Lambdas.JobNet;

/// <summary>The run failed: its type name is the execution's error (<c>JobsFailed</c>), its message the run's cause.</summary>
public sealed class JobsFailed(string cause) : Exception(cause);
