using YamlDotNet.RepresentationModel;

namespace Ci.Tests;

/// <summary>A GitHub workflow file read with YamlDotNet: its jobs, steps and `run:` scripts.</summary>
internal sealed class Workflow
{
    private Workflow(string file)
    {
        File = file;
        Text = System.IO.File.ReadAllText(file);
        var stream = new YamlStream();
        stream.Load(new StringReader(Text));
        Root = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static IReadOnlyList<Workflow> All { get; } = [.. Repo.Workflows.Select(file => new Workflow(file))];

    public static Workflow PullRequest => All.Single(workflow => workflow.File.EndsWith("pull-request.yml", StringComparison.Ordinal));

    public string File { get; }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public IEnumerable<(string Name, YamlMappingNode Job)> Jobs =>
        ((YamlMappingNode)Root["jobs"]).Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value));

    public YamlMappingNode Job(string name) => Jobs.Single(job => job.Name == name).Job;

    public IEnumerable<(string Job, string Script)> RunBlocks =>
        Jobs.SelectMany(job => Steps(job.Job).Select(step => (job.Name, Script: Scalar(step, "run"))))
            .Where(block => block.Script is not null)
            .Select(block => (block.Name, block.Script!));

    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        job.Children.TryGetValue("steps", out var steps) ? ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>() : [];

    public static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(key, out var next))
            {
                return null;
            }
            current = next;
        }
        return (current as YamlScalarNode)?.Value;
    }

    public static IReadOnlyDictionary<string, string> Permissions(YamlMappingNode node) =>
        node.Children.TryGetValue("permissions", out var permissions) && permissions is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : throw new Xunit.Sdk.XunitException("no permissions mapping");
}
