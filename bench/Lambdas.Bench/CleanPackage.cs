using System.Diagnostics;

namespace Lambdas.Bench;

/// <summary>
/// Wall time of `make package` from clean: in a copy of the working tree (as git sees it) at another path, so
/// nothing is reused from artifacts/ and this checkout's packages are left alone. NuGet's package cache is warm,
/// as on any machine that has built once.
/// </summary>
public static class CleanPackage
{
    /// <returns>The wall time, and whether the copy's manifest (every zip's SHA-256) equals artifacts/lambdas/manifest.json.</returns>
    public static (TimeSpan Elapsed, bool SameAsHere) Measure()
    {
        var copy = Path.Combine(Path.GetTempPath(), "bench-package-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var file in TrackedFiles())
            {
                var target = Path.Combine(copy, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(Builds.Root, file), target);
            }
            var start = new ProcessStartInfo("make", "package")
            {
                WorkingDirectory = copy,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // A fresh make, not a sub-make of `make bench-lambdas`.
            foreach (var variable in new[] { "MAKEFLAGS", "MFLAGS", "MAKELEVEL" })
            {
                start.Environment.Remove(variable);
            }
            var timestamp = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var elapsed = Stopwatch.GetElapsedTime(timestamp);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"make package failed in {copy}:\n{output.Result}\n{errors.Result}");
            }
            var manifest = Path.Combine("artifacts", "lambdas", "manifest.json");
            var same = File.ReadAllBytes(Path.Combine(copy, manifest)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Builds.Root, manifest)));
            return (elapsed, same);
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    // Tracked and new files minus ignored ones: uncommitted edits count, build output does not.
    private static string[] TrackedFiles()
    {
        var start = new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
        {
            WorkingDirectory = Builds.Root,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var files = process.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return files.Where(file => File.Exists(Path.Combine(Builds.Root, file))).ToArray();
    }
}
