using System.Diagnostics;

namespace Build.Packaging.Tests;

/// <summary>
/// The guards around `make plan/apply/deploy` (build/tasks/terraform.cake), run as the real Cake process with a
/// fake `terraform` first on PATH that records its arguments and answers with a scripted output and exit code.
/// </summary>
[Collection(CakeProcess.Collection)]
public sealed class DeploySafetyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    // A fresh environment name per test, so the saved plan under artifacts/terraform/ is this test's own.
    private readonly string env = "t" + Guid.NewGuid().ToString("N")[..8];

    public DeploySafetyTests()
    {
        temp.Write("bin/terraform", """
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> "$FAKE_TF_LOG"
            case "$*" in
              *" init "*) printf '%s\n' "${FAKE_TF_INIT_OUTPUT:-Terraform has been successfully initialized!}"; exit "${FAKE_TF_INIT_EXIT:-0}" ;;
              *" show "*) echo "No changes. Your infrastructure matches the configuration." ;;
            esac
            exit 0
            """u8.ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        // A failed init never creates artifacts/terraform (a fresh clone has none): nothing to clean then.
        var plans = Path.Combine(CakeProcess.RepositoryRoot(), "artifacts", "terraform");
        foreach (var file in Directory.Exists(plans) ? Directory.EnumerateFiles(plans, env + ".*") : [])
        {
            File.Delete(file);
        }
        temp.Dispose();
    }

    private string Log => temp.Combine("terraform.log");

    private string[] TerraformCalls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private string PlanFile => Path.Combine(CakeProcess.RepositoryRoot(), "artifacts", "terraform", env + ".tfplan");

    private string Backend(string bucket, string key) =>
        temp.Write($"{env}.s3.tfbackend", System.Text.Encoding.UTF8.GetBytes($"bucket = \"{bucket}\"\nkey    = \"{key}\"\nregion = \"us-east-1\"\n"));

    private (int ExitCode, string Output) Cake(string target, params (string Name, string Value)[] variables) =>
        CakeProcess.Run(target, [
            ("PATH", temp.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH")),
            ("FAKE_TF_LOG", Log),
            ("ENV", env),
            ("TF_PLUGIN_DIR", ""),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "example"),
            .. variables,
        ]);

    [Fact]
    public void The_shipped_placeholder_backend_is_refused_before_init_and_before_any_build()
    {
        var (exitCode, output) = Cake("plan", ("ENV", "dev"));

        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"terraform/environments/dev\.s3\.tfbackend still names the placeholder state bucket ""CHANGE-ME-[^""]+"": create the bucket once", output);
        Assert.Contains("BACKEND_CONFIG=path/to/yours.s3.tfbackend", output);
        Assert.Empty(TerraformCalls);
        Assert.DoesNotContain("Task: package", output.Replace("\r", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_state_key_outside_the_environment_is_refused()
    {
        var backend = Backend("my-org-tfstate", "dev/serverless-workflows.tfstate");

        var (exitCode, output) = Cake("tf-init", ("BACKEND_CONFIG", backend));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"keeps the state of ENV={env} at key \"dev/serverless-workflows.tfstate\": start the key with \"{env}/\"", output);
        Assert.Empty(TerraformCalls);
    }

    [Fact]
    public void The_shipped_environments_keep_separate_state_keys()
    {
        var environments = Path.Combine(CakeProcess.RepositoryRoot(), "terraform", "environments");
        var keys = Directory.GetFiles(environments, "*.s3.tfbackend")
            .ToDictionary(file => Path.GetFileName(file).Split('.')[0],
                file => File.ReadLines(file).Single(line => line.TrimStart().StartsWith("key", StringComparison.Ordinal)).Split('"')[1]);

        Assert.Equal("dev/serverless-workflows.tfstate", keys["dev"]);
        Assert.Equal("prod/serverless-workflows.tfstate", keys["prod"]);
        Assert.All(keys, pair => Assert.StartsWith(pair.Key + "/", pair.Value));
    }

    [Theory]
    [InlineData("Error: No valid credential sources found\nPlease see https://www.terraform.io/docs/language/settings/backends/s3.html", "the AWS credentials are missing, expired or invalid")]
    [InlineData("Error: failed to get shared config profile\ndial tcp: lookup s3.us-east-1.amazonaws.com: no such host", "AWS could not be reached (network or proxy)")]
    [InlineData("Error: S3 bucket \"my-org-tfstate\" does not exist.\nNoSuchBucket: The specified bucket does not exist", "the state bucket named in")]
    public void An_init_failure_names_its_real_cause(string terraformOutput, string hint)
    {
        var backend = Backend("my-org-tfstate", $"{env}/serverless-workflows.tfstate");

        var (exitCode, output) = Cake("tf-init", ("BACKEND_CONFIG", backend), ("FAKE_TF_INIT_OUTPUT", terraformOutput), ("FAKE_TF_INIT_EXIT", "1"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("`terraform init` failed with exit code 1; " + hint, output);
        Assert.Contains(terraformOutput.Split('\n')[0], output); // terraform's own words are shown too
        Assert.Single(TerraformCalls, call => call.Contains(" init ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plan_waits_for_the_lock_and_remembers_its_commit()
    {
        var backend = Backend("my-org-tfstate", $"{env}/serverless-workflows.tfstate");

        var (exitCode, output) = Cake("tf-plan", ("BACKEND_CONFIG", backend));

        Assert.True(exitCode == 0, output);
        var plan = Assert.Single(TerraformCalls, call => call.Contains(" plan ", StringComparison.Ordinal));
        Assert.Contains("-lock-timeout=5m", plan);
        Assert.Contains($"-out={PlanFile}", plan);
        Assert.Equal(Git("rev-parse HEAD"), File.ReadAllText(PlanFile + ".commit").Trim());
        Assert.Contains("No changes.", File.ReadAllText(PlanFile + ".txt"));
    }

    [Fact]
    public void The_read_only_pull_request_plan_takes_no_lock()
    {
        var backend = Backend("my-org-tfstate", $"{env}/serverless-workflows.tfstate");

        var (exitCode, output) = Cake("tf-plan", ("BACKEND_CONFIG", backend), ("PLAN_LOCK", "false"));

        Assert.True(exitCode == 0, output);
        var plan = Assert.Single(TerraformCalls, call => call.Contains(" plan ", StringComparison.Ordinal));
        Assert.Contains("-lock=false", plan);
        Assert.DoesNotContain("-lock-timeout", plan);
    }

    [Fact]
    public void A_plan_made_for_another_commit_is_never_applied()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PlanFile)!);
        File.WriteAllText(PlanFile, "plan");
        File.WriteAllText(PlanFile + ".commit", "0123456789abcdef0123456789abcdef01234567");

        var (exitCode, output) = Cake("tf-apply");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"was made for commit 0123456789abcdef0123456789abcdef01234567, but the checkout is at {Git("rev-parse HEAD")}", output);
        Assert.DoesNotContain(TerraformCalls, call => call.Contains(" apply ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plan_for_this_commit_is_applied_exactly_with_a_lock_timeout()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PlanFile)!);
        File.WriteAllText(PlanFile, "plan");
        File.WriteAllText(PlanFile + ".commit", Git("rev-parse HEAD"));

        var (exitCode, output) = Cake("tf-apply");

        Assert.True(exitCode == 0, output);
        var apply = Assert.Single(TerraformCalls);
        Assert.EndsWith($"apply -input=false -lock-timeout=5m {PlanFile}", apply);
    }

    [Fact]
    public void Apply_without_a_saved_plan_says_to_plan_first()
    {
        var (exitCode, output) = Cake("tf-apply");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"there is no saved plan for ENV={env}", output);
        Assert.Empty(TerraformCalls);
    }

    private static string Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = CakeProcess.RepositoryRoot(), RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
