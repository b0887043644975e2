using System.Diagnostics;

namespace Build.Packaging.Tests;

/// <summary>
/// The credentials check in front of `make plan/deploy/destroy` (build/tasks/aws.cake), run as the real Cake
/// process against a scratch AWS config, with every AWS_* variable of this machine removed.
/// </summary>
// One Cake process at a time: they share the compiled-script cache.
[Collection("Cake")]
public sealed class CredentialsCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int ExitCode, string Output) CheckCredentials(params (string Name, string Value)[] variables)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet",
            ["tool", "run", "dotnet-cake", "build/build.cake", "--target=aws-credentials", "--settings_enablescriptcache=true"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_CONFIG_FILE"] = _temp.Combine("aws", "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _temp.Combine("aws", "credentials");
        start.Environment["NO_COLOR"] = "1";
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

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServerlessWorkflows.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("ServerlessWorkflows.slnx not found above the test binaries");
    }

    [Fact]
    public void Without_credentials_it_stops_with_one_sentence_saying_how_to_provide_them()
    {
        var (exitCode, output) = CheckCredentials();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Error: No AWS credentials found: set AWS_PROFILE to a profile in ~/.aws/config", output);
        Assert.Contains("aws sso login", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public void A_profile_with_only_a_region_is_not_credentials()
    {
        _temp.Write("aws/config", "[profile ops]\nregion = eu-west-1\n"u8.ToArray());

        var (exitCode, output) = CheckCredentials(("AWS_PROFILE", "ops"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AWS_PROFILE=ops has no credentials in", output);
        Assert.Contains("aws configure sso --profile ops", output);
    }

    [Fact]
    public void An_sso_profile_or_access_keys_pass()
    {
        _temp.Write("aws/config", "[profile ops]\nsso_session = corp\nregion = eu-west-1\n"u8.ToArray());

        var profile = CheckCredentials(("AWS_PROFILE", "ops"));
        var keys = CheckCredentials(("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret"));

        Assert.Equal(0, profile.ExitCode);
        Assert.Contains("aws-credentials: using profile ops.", profile.Output);
        Assert.Equal(0, keys.ExitCode);
        Assert.Contains("aws-credentials: using AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.", keys.Output);
    }

    [Fact]
    public void Half_a_key_pair_is_named()
    {
        var (exitCode, output) = CheckCredentials(("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", output);
    }
}
