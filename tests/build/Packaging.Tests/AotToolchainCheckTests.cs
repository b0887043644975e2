using System.Diagnostics;

namespace Build.Packaging.Tests;

/// <summary>
/// The check in front of the Native AOT publish (build/tasks/aot.cake), run as the real Cake process with a PATH
/// that holds only the tools a case gives it: a machine without the toolchain gets one sentence naming the package.
/// </summary>
[Collection(CakeProcess.Collection)]
public sealed class AotToolchainCheckTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private (int ExitCode, string Output) CheckToolchain(string? path, params (string Name, string Value)[] variables)
    {
        // "dotnet" is found on this process's PATH; the child gets the PATH of the case.
        var start = new ProcessStartInfo("dotnet",
            ["tool", "run", "dotnet-cake", "build/build.cake", "--target=aot-toolchain", "--settings_enablescriptcache=true"])
        {
            WorkingDirectory = CakeProcess.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("PUBLISH_AOT");
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    // An empty folder as the whole PATH, plus the given commands as scripts.
    private string PathWith(params (string Name, string Script)[] commands)
    {
        Directory.CreateDirectory(temp.Combine("bin"));
        foreach (var (name, script) in commands)
        {
            temp.Write($"bin/{name}", System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\n{script}\n"),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return temp.Combine("bin");
    }

    [Fact]
    public void Without_a_c_compiler_it_names_the_debian_packages_in_one_sentence()
    {
        var (exitCode, output) = CheckToolchain(PathWith());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Error: Native AOT links each Lambda with the C toolchain, but there is no C compiler (clang or gcc) on PATH: " +
            "install the Debian package(s) gcc libc6-dev (`sudo apt-get install gcc libc6-dev`, or `make prerequisites`), " +
            "or publish the ReadyToRun fallback with `make package PUBLISH_AOT=false`.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_compiler_that_cannot_link_points_at_libc6_dev()
    {
        var (exitCode, output) = CheckToolchain(PathWith(("gcc", "echo 'cannot find crt1.o' >&2; exit 1"), ("objcopy", "exit 0")));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("but `gcc` cannot link a C program (no C library start files or linker): install the Debian package(s) libc6-dev binutils", output);
    }

    [Fact]
    public void Without_objcopy_it_names_binutils()
    {
        var (exitCode, output) = CheckToolchain(PathWith(("gcc", "exit 0")));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("but there is no objcopy on PATH: install the Debian package(s) binutils", output);
    }

    [Fact]
    public void The_ReadyToRun_fallback_needs_no_toolchain()
    {
        var (exitCode, output) = CheckToolchain(PathWith(), ("PUBLISH_AOT", "false"));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void An_unknown_switch_value_is_named()
    {
        var (exitCode, output) = CheckToolchain(null, ("PUBLISH_AOT", "maybe"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("PUBLISH_AOT must be true (Native AOT, the default) or false (the ReadyToRun fallback), not 'maybe'.", output);
    }

    [Fact]
    public void This_machines_toolchain_links()
    {
        var (exitCode, output) = CheckToolchain(null);

        Assert.True(exitCode == 0, output);
    }
}
