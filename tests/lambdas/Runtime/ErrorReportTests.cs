using System.Text.Json;
using Lambdas.Runtime;

namespace Lambdas.Tests.Runtime;

public sealed class ErrorReportTests
{
    [Fact]
    public void Task_wrappers_are_unwrapped_to_the_thrown_exception()
    {
        var report = ErrorReport.From(new AggregateException(new InvalidInputException("bad")));

        Assert.Equal("InvalidInputException", report.ErrorType);
        Assert.Equal("bad", report.ErrorMessage);
    }

    [Fact]
    public void Json_has_lambdas_field_names()
    {
        var report = new ErrorReport("X", "message \"quoted\"\n", ["at A", "at B"], new ErrorReport("Y", "inner", []));

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        Assert.Equal("X", root.GetProperty("errorType").GetString());
        Assert.Equal("message \"quoted\"\n", root.GetProperty("errorMessage").GetString());
        Assert.Equal(["at A", "at B"], root.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Y", root.GetProperty("cause").GetProperty("errorType").GetString());
    }

    [Fact]
    public void Stack_trace_lines_are_trimmed()
    {
        Exception caught;
        try
        {
            throw new InvalidOperationException("thrown");
        }
        catch (InvalidOperationException ex)
        {
            caught = ex;
        }

        var report = ErrorReport.From(caught);

        Assert.NotEmpty(report.StackTrace);
        Assert.All(report.StackTrace, line => Assert.StartsWith("at ", line));
    }
}
