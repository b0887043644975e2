using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ci.Tests;

/// <summary>.github/scripts/plan-comment.js against a fake GitHub API (node/plan-comment-harness.js).</summary>
public sealed class PlanCommentTests : IDisposable
{
    private readonly TempFolder _plan = new();

    public void Dispose() => _plan.Dispose();

    private static JsonObject Comment(long id, string type, string body) =>
        new() { ["id"] = id, ["user"] = new JsonObject { ["type"] = type }, ["body"] = body };

    private static JsonArray Page(int count, long firstId) =>
        [.. Enumerable.Range(0, count).Select(index => (JsonNode)Comment(firstId + index, "User", "looks good"))];

    private JsonNode Post(JsonArray pages, string result)
    {
        var scenario = new JsonObject { ["pages"] = pages, ["directory"] = _plan.Path, ["result"] = result, ["environment"] = "dev" };
        var (exitCode, output, error) = Repo.Run("node", ["plan-comment-harness.js"], scenario.ToJsonString(), Repo.NodeFolder);
        Assert.True(exitCode == 0, error);
        return JsonNode.Parse(output)!;
    }

    private static string[] Calls(JsonNode run) =>
        [.. run["requests"]!.AsArray().Select(request => $"{request!["call"]}:{request["page"] ?? request["id"] ?? request["issue"]}")];

    [Fact]
    public void The_previous_comment_is_found_on_a_later_page_and_updated_in_place()
    {
        _plan.Write("dev.tfplan.txt", "No changes. Your infrastructure matches the configuration.\n");
        var second = Page(30, 200);
        second.Add(Comment(555, "Bot", "<!-- terraform-plan -->\n### Terraform plan (`dev`): succeeded"));

        var run = Post([Page(100, 100), second], "success");

        Assert.Equal(["listComments:1", "listComments:2", "updateComment:555"], Calls(run));
        var body = run["outcome"]!["body"]!.GetValue<string>();
        Assert.StartsWith("<!-- terraform-plan -->\n### Terraform plan (`dev`): succeeded", body);
        Assert.Contains("No changes. Your infrastructure matches the configuration.", body);
        Assert.Contains("Commit abc1234", body);
    }

    [Fact]
    public void Without_a_previous_plan_comment_one_is_created_and_a_persons_copy_is_left_alone()
    {
        _plan.Write("dev.tfplan.txt", "Plan: 1 to add, 0 to change, 0 to destroy.\n");
        var page = Page(3, 1);
        page.Add(Comment(9, "User", "<!-- terraform-plan --> pasted by a person"));

        var run = Post([page], "success");

        Assert.Equal(["listComments:1", "createComment:42"], Calls(run));
    }

    [Fact]
    public void A_failed_init_posts_its_error_without_colour_codes()
    {
        _plan.Write("plan.log", "> terraform init\n\u001b[31mError: No valid credential sources found\u001b[0m\nError: `terraform init` failed with exit code 1; the AWS credentials are missing, expired or invalid\n");

        var run = Post([new JsonArray()], "failure");

        var body = run["outcome"]!["body"]!.GetValue<string>();
        Assert.Contains("### Terraform plan (`dev`): FAILED", body);
        Assert.Contains("<details open><summary>Show the error</summary>", body);
        Assert.Contains("Error: No valid credential sources found", body);
        Assert.Contains("the AWS credentials are missing, expired or invalid", body);
        Assert.DoesNotContain("\u001b", body);
    }

    [Fact]
    public void A_plan_job_that_wrote_nothing_still_gets_a_comment()
    {
        var run = Post([new JsonArray()], "failure");

        Assert.Equal(["listComments:1", "createComment:42"], Calls(run));
        Assert.Contains("ended (failure) before writing any output", run["outcome"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void A_huge_plan_keeps_its_end_within_githubs_limit()
    {
        _plan.Write("dev.tfplan.txt", string.Concat(Enumerable.Repeat("  # resource changes ...\n", 5000)) + "Plan: 500 to add, 0 to change, 0 to destroy.\n");

        var body = Post([new JsonArray()], "success")["outcome"]!["body"]!.GetValue<string>();

        Assert.True(body.Length < 65536, $"{body.Length} characters");
        Assert.Contains("(truncated, see the run)", body);
        Assert.Contains("Plan: 500 to add, 0 to change, 0 to destroy.", body);
    }
}
