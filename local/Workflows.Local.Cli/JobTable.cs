using System.Globalization;
using Workflows.Local;

namespace Workflows.Local.Cli;

/// <summary>make run's table of an orchestrator run's jobs (job, status, attempts, started, duration, error),
/// printed after the tree from the run's records (<see cref="JobRecords"/>).</summary>
internal static class JobTable
{
    public static void Print(IReadOnlyList<JobRow> rows, TextWriter output)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var width = Math.Max("job".Length, rows.Max(r => r.Name.Length));
        output.WriteLine();
        output.WriteLine($"  {"job".PadRight(width)}  {"status",-9}  {"attempts",8}  {"started",-12}  {"duration",10}  error");
        foreach (var row in rows)
        {
            var started = row.Started?.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-";
            var duration = row.Duration is { } d ? TerminalView.Ms(d) : "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Name.PadRight(width)}  {row.Status,-9}  {row.Attempts,8}  {started,-12}  {duration,10}  {row.Error}"));
        }
    }
}
