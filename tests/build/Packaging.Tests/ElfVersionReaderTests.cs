using System.Diagnostics;

namespace Build.Packaging.Tests;

public sealed class ElfVersionReaderTests
{
    [Fact]
    public void Reads_the_versions_a_crafted_binary_needs()
    {
        var needs = ElfVersionReader.ReadNeeds(ElfFixture.NeedingLibc("GLIBC_2.2.5", "GLIBC_2.38", "GLIBC_PRIVATE"));

        Assert.Equal(
            [new VersionNeed("libc.so.6", "GLIBC_2.2.5"), new VersionNeed("libc.so.6", "GLIBC_2.38"), new VersionNeed("libc.so.6", "GLIBC_PRIVATE")],
            needs);
        Assert.Equal(new Version(2, 38), ElfVersionReader.NewestGlibc(needs));
    }

    [Theory]
    [InlineData("GLIBC_2.34", "2.34")]
    [InlineData("GLIBC_2.2.5", "2.2.5")]
    [InlineData("GLIBC_PRIVATE", null)]
    [InlineData("GLIBCXX_3.4.30", null)]
    [InlineData("CXXABI_1.3", null)]
    public void Only_glibc_versions_count(string name, string? expected) =>
        Assert.Equal(expected is null ? null : Version.Parse(expected), ElfVersionReader.ParseGlibc(name));

    [Fact]
    public void A_script_bootstrap_needs_nothing() =>
        Assert.Empty(ElfVersionReader.ReadNeeds("#!/bin/sh\nexec ./app\n"u8));

    [Fact]
    public void A_truncated_elf_is_reported_not_crashed_on()
    {
        var file = ElfFixture.NeedingLibc("GLIBC_2.38");

        Assert.Throws<FormatException>(() => ElfVersionReader.ReadNeeds(file.AsSpan(0, file.Length - 100)));
    }

    [Fact]
    public void Agrees_with_binutils_on_a_real_binary()
    {
        // The running dotnet host is a real, dynamically linked ELF on every Linux machine.
        var host = Environment.ProcessPath!;
        var needs = ElfVersionReader.ReadNeeds(File.ReadAllBytes(host));

        Assert.Contains(needs, need => need.Library == "libc.so.6" && need.Version.StartsWith("GLIBC_2.", StringComparison.Ordinal));
        var objdump = ObjdumpVersions(host);
        if (objdump is not null) // binutils is optional for the build; compare when it is installed (CI installs it)
        {
            Assert.Equal(objdump, needs.Select(need => need.Version).Where(v => v.StartsWith("GLIBC_", StringComparison.Ordinal)).ToHashSet());
        }
    }

    private static HashSet<string>? ObjdumpVersions(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("objdump", ["-p", path]) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // "Version References:" lists lines like "    0x09691a75 0x00 02 GLIBC_2.2.5"
            return output.Split('\n')
                .Select(line => line.Trim().Split(' ').Last())
                .Where(word => word.StartsWith("GLIBC_", StringComparison.Ordinal))
                .ToHashSet();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
