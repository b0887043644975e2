namespace Build.Packaging.Tests;

/// <summary>
/// The credentials check in front of `make plan/deploy/destroy` (build/tasks/aws.cake), run as the real Cake
/// process against a scratch AWS config, with every AWS_* variable of this machine removed.
/// </summary>
[Collection(CakeProcess.Collection)]
public sealed class CredentialsCheckTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private (int ExitCode, string Output) CheckCredentials(params (string Name, string Value)[] variables) =>
        CakeProcess.Run("aws-credentials", [
            ("AWS_CONFIG_FILE", temp.Combine("aws", "config")),
            ("AWS_SHARED_CREDENTIALS_FILE", temp.Combine("aws", "credentials")),
            .. variables,
        ]);

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
        temp.Write("aws/config", "[profile ops]\nregion = eu-west-1\n"u8.ToArray());

        var (exitCode, output) = CheckCredentials(("AWS_PROFILE", "ops"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AWS_PROFILE=ops has no credentials in", output);
        Assert.Contains("aws configure sso --profile ops", output);
    }

    [Fact]
    public void An_sso_profile_or_access_keys_pass()
    {
        temp.Write("aws/config", "[profile ops]\nsso_session = corp\nregion = eu-west-1\n"u8.ToArray());

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
