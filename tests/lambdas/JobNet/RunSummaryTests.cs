using Lambdas.JobNet;

namespace Lambdas.Tests.JobNet;

public sealed class RunSummaryTests
{
    private static JobResult Succeeded(string name) => new(name, "container-task", JobStatus.SUCCEEDED, 1, "", "", []);

    // What a failed number-processor child leaves: DescribeExecution as the cause, the Lambda's error report inside.
    private const string ChildCause = """{"ExecutionArn":"arn:aws:states:us-east-1:1:execution:np:r.numbers-bad","Status":"FAILED","Error":"InvalidInputException","Cause":"{\"errorType\":\"InvalidInputException\",\"errorMessage\":\"Field 'min' (10) must not be greater than 'max' (1).\",\"stackTrace\":[\"at Handle\"]}"}""";

    [Fact]
    public void A_run_whose_jobs_all_succeeded_has_nothing_to_rerun_and_no_cause()
    {
        var summary = RunSummary.Summarize("r1", [Succeeded("a"), Succeeded("b")]);

        Assert.Equal(("SUCCEEDED", 0, (string?)null), (summary.Status, summary.Rerun!.Count, summary.Cause));
    }

    [Fact]
    public void The_cause_has_a_line_per_failed_job_with_its_innermost_message_then_the_blocked_jobs()
    {
        var summary = RunSummary.Summarize("web-stop-1", [
            Succeeded("maintenance-on"),
            new("numbers-bad", "number-processor", JobStatus.FAILED, 3, "States.TaskFailed", ChildCause, []),
            new("stop-app-2", "container-task", JobStatus.FAILED, 1, "ContainerTaskFailed", "Task arn:task stopped with exit code 1 (stop code EssentialContainerExited: Essential container in task exited)", []),
            new("image-2", "container-task", JobStatus.BLOCKED, 0, "", "", ["stop-app-2"]),
            new("db-snapshot", "container-task", JobStatus.BLOCKED, 0, "", "", ["image-2", "numbers-bad"]),
        ]);

        Assert.Equal("FAILED", summary.Status);
        Assert.Equal(["numbers-bad", "stop-app-2", "image-2", "db-snapshot"], summary.Rerun);
        Assert.Equal(["numbers-bad", "stop-app-2"], summary.Failed);
        Assert.Equal(["image-2", "db-snapshot"], summary.Blocked);
        Assert.Equal(
            """
            Run web-stop-1: 2 of 5 jobs failed, 2 blocked. Fix the cause, then redrive this execution: it reruns only these jobs.
            numbers-bad (number-processor) failed after 3 attempts: InvalidInputException: Field 'min' (10) must not be greater than 'max' (1).
            stop-app-2 (container-task) failed after 1 attempt: ContainerTaskFailed: Task arn:task stopped with exit code 1 (stop code EssentialContainerExited: Essential container in task exited)
            Blocked (not started): image-2 (needs stop-app-2), db-snapshot (needs image-2, numbers-bad)
            """.ReplaceLineEndings("\n"), summary.Cause);
    }

    [Theory]
    [InlineData("States.Timeout", "Task timed out after 900 seconds", "States.Timeout: Task timed out after 900 seconds")]
    [InlineData("States.TaskFailed", "", "States.TaskFailed")]
    [InlineData("States.TaskFailed", "{not json", "States.TaskFailed: {not json")]
    [InlineData("States.TaskFailed", """{"Error":"NumberProcessingFailed","Cause":"line one\nline two"}""", "NumberProcessingFailed: line one line two")]
    public void The_innermost_message_is_plain_text_on_one_line(string error, string cause, string expected)
    {
        Assert.Equal(expected, RunSummary.Innermost(error, cause));
    }

    [Fact]
    public void The_cause_stays_within_AWSs_limit_however_many_jobs_fail_verbosely()
    {
        var results = Enumerable.Range(0, 40).Select(i => new JobResult($"job-{i}", "container-task", JobStatus.FAILED, 1, "ContainerTaskFailed", new string('x', 5_000), [])).ToList();

        var cause = RunSummary.Summarize("r", results).Cause!;

        Assert.InRange(cause.Length, 30_000, RunSummary.MaxCauseLength);
        Assert.All(cause.Split('\n').Skip(1), line => Assert.InRange(line.Length, 1, RunSummary.MaxLineLength));
    }
}
