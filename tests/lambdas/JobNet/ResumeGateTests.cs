using Lambdas.JobNet;
using Lambdas.Runtime;

namespace Lambdas.Tests.JobNet;

public sealed class ResumeGateTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void The_pass_that_failed_fails_with_JobsFailed_and_the_cause(int redriveCount, int round)
    {
        var error = Assert.Throws<JobsFailed>(() => ResumeGate.Check(redriveCount, round, "Run r: 1 of 2 jobs failed"));

        Assert.Equal(("JobsFailed", "Run r: 1 of 2 jobs failed"), (ErrorReport.From(error).ErrorType, error.Message));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void A_redrive_after_that_pass_lets_the_run_through(int redriveCount, int round)
    {
        Assert.Equal("RESUMED", ResumeGate.Check(redriveCount, round, "cause").Status);
    }
}
