using System.Text.RegularExpressions;

namespace Ci.Tests;

/// <summary>The pull-request workflow's safety properties, read from the YAML itself.</summary>
public sealed class WorkflowTests
{
    private static readonly Workflow PullRequest = Workflow.PullRequest;

    [Fact]
    public void Forks_never_get_this_repositorys_secrets_or_role()
    {
        var triggers = (YamlDotNet.RepresentationModel.YamlMappingNode)PullRequest.Root["on"];
        Assert.Equal(["pull_request"], triggers.Children.Keys.Select(key => key.ToString()));
        Assert.DoesNotContain(Workflow.All, workflow => workflow.Text.Contains("pull_request_target", StringComparison.Ordinal));

        var plan = PullRequest.Job("plan");
        Assert.Contains("github.event.pull_request.head.repo.full_name == github.repository", Workflow.Scalar(plan, "if"));
    }

    [Fact]
    public void The_plan_runs_in_the_approval_environment_read_only_and_without_the_lock()
    {
        var plan = PullRequest.Job("plan");

        Assert.Equal("terraform-plan", Workflow.Scalar(plan, "environment"));
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["id-token"] = "write" }, Workflow.Permissions(plan));
        Assert.Equal("false", Workflow.Scalar(plan, "env", "PLAN_LOCK"));
        Assert.Contains(PullRequest.RunBlocks, block => block.Job == "plan" && Regex.IsMatch(block.Script, @"^\s*make plan\b", RegexOptions.Multiline));
    }

    [Fact]
    public void Every_job_has_least_permissions_and_a_timeout()
    {
        Assert.Empty(Workflow.Permissions(PullRequest.Root)); // permissions: {} at the top
        foreach (var workflow in Workflow.All)
        {
            foreach (var (name, job) in workflow.Jobs)
            {
                var permissions = Workflow.Permissions(job);
                Assert.True(int.TryParse(Workflow.Scalar(job, "timeout-minutes"), out var minutes) && minutes is > 0 and <= 60, $"{name}: timeout-minutes");
                Assert.All(permissions.Where(pair => pair.Value == "write"), pair =>
                    Assert.Contains(pair.Key, new[] { "id-token", "pull-requests" }));
            }
        }
        Assert.Equal(new Dictionary<string, string> { ["pull-requests"] = "write" }, Workflow.Permissions(PullRequest.Job("comment")));
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Workflow.Permissions(PullRequest.Job("test")));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version()
    {
        var uses = Regex.Matches(string.Join("\n", Workflow.All.Select(workflow => workflow.Text)), @"^\s*-?\s*uses:\s*(?<ref>\S+)(?<comment>.*)$", RegexOptions.Multiline);
        Assert.NotEmpty(uses);
        Assert.All(uses, use =>
        {
            Assert.Matches(@"^[A-Za-z0-9-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}$", use.Groups["ref"].Value);
            Assert.Matches(@"^\s*# v\d+(\.\d+)*\s*$", use.Groups["comment"].Value);
        });
    }

    // The Node 24 releases of each action, with the commit each tag points at (checked against the actions' own
    // repositories, issue 25). A pin outside this table is either a Node 20 release or an unchecked SHA.
    private static readonly Dictionary<string, (string Version, string Sha)[]> Node24Releases = new()
    {
        ["actions/checkout"] = [("v6.0.2", "de0fac2e4500dabe0009e67214ff5f5447ce83dd"), ("v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1")],
        ["actions/setup-dotnet"] = [("v5.0.0", "d4c94342e560b34958eacfc5d055d21461ed1c5d"), ("v6.0.0", "a98b56852c35b8e3190ac28c8c2271da59106c68")],
        ["hashicorp/setup-terraform"] = [("v4.0.1", "dfe3c3f87815947d99a8997f908cb6525fc44e9e")],
        ["aws-actions/configure-aws-credentials"] = [("v6.2.3", "e6de054238d6b7531b4efff3b6587d9aade6a06c")],
        ["actions/upload-artifact"] = [("v6.0.0", "b7c566a772e6b6bfb58ed0dc250532a479d7789f"), ("v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f")],
        ["actions/download-artifact"] = [("v8.0.1", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c")],
        ["actions/github-script"] = [("v8.0.0", "ed597411d8f924073f98dfc5c65a23a2325f34cd")],
    };

    [Fact]
    public void Every_action_runs_a_checked_node24_release_named_by_its_comment()
    {
        var uses = Regex.Matches(string.Join("\n", Workflow.All.Select(workflow => workflow.Text)), @"^\s*-?\s*uses:\s*(?<action>[^@\s]+)@(?<sha>\S+)\s*# (?<version>\S+)", RegexOptions.Multiline);
        Assert.NotEmpty(uses);
        Assert.All(uses, use =>
        {
            var action = use.Groups["action"].Value;
            Assert.True(Node24Releases.TryGetValue(action, out var releases), $"{action} has no checked Node 24 release listed here");
            Assert.Contains((use.Groups["version"].Value, use.Groups["sha"].Value), releases!);
        });
    }

    [Fact]
    public void Checkouts_keep_no_credentials()
    {
        var checkouts = Workflow.All.SelectMany(workflow => workflow.Jobs)
            .SelectMany(job => Workflow.Steps(job.Job))
            .Where(step => Workflow.Scalar(step, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, step => Assert.Equal("false", Workflow.Scalar(step, "with", "persist-credentials")));
    }

    [Fact]
    public void Steps_run_the_make_targets_people_run_not_copies_of_them()
    {
        var blocks = Workflow.All.SelectMany(workflow => workflow.RunBlocks).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, block =>
        {
            Assert.Matches(@"^\s*make [a-z-]+\b", block.Script.Split('\n').Where(line => line.Contains("make ", StringComparison.Ordinal)).FirstOrDefault() ?? "");
            // No terraform or dotnet command of its own (at the start of a line or after ; && || | or a subshell).
            Assert.DoesNotMatch(@"(?m)(^|[;&|(])\s*(terraform|dotnet)\b", block.Script);
        });
        Assert.False(File.Exists(Repo.Path("terraform", "scripts", "check.sh")), "the second copy of the checks is gone");
    }

    [Fact]
    public void The_comment_is_posted_even_when_the_plan_fails_by_a_job_that_runs_no_pull_request_code()
    {
        var comment = PullRequest.Job("comment");

        Assert.Contains("!cancelled()", Workflow.Scalar(comment, "if"));
        Assert.Contains("needs.plan.result != 'skipped'", Workflow.Scalar(comment, "if"));
        Assert.DoesNotContain(PullRequest.RunBlocks, block => block.Job == "comment");
        var checkout = Workflow.Steps(comment).First(step => Workflow.Scalar(step, "uses")!.StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.Equal("${{ github.event.pull_request.base.sha }}", Workflow.Scalar(checkout, "with", "ref"));
        Assert.Contains("plan-comment.js", Workflow.Scalar(Workflow.Steps(comment).Last(), "with", "script"));
    }
}
