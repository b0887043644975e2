namespace Lambdas.JobNet;

/// <summary>
/// Where a run with failed or blocked jobs fails, and where a redrive resumes it. AWS's redrive reruns the step
/// that failed, not the steps before it (inside a Map or Parallel too), so the step that fails must itself be
/// the one that decides: it fails while the redrive count is the one the pass ran under, and lets the run
/// through once a redrive raised it. A Fail state cannot decide, and a Choice fails only as States.NoChoiceMatched.
/// </summary>
public static class ResumeGate
{
    public static JobNetResponse Check(int redriveCount, int round, string cause) =>
        redriveCount > round ? new JobNetResponse { Status = "RESUMED" } : throw new JobsFailed(cause);
}
