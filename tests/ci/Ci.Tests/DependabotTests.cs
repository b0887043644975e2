using YamlDotNet.RepresentationModel;

namespace Ci.Tests;

/// <summary>.github/dependabot.yml keeps every manifest of the repository current: each ecosystem, each folder.</summary>
public sealed class DependabotTests
{
    private static readonly YamlSequenceNode Updates = Load();

    [Fact]
    public void Actions_and_nuget_are_updated_from_the_root()
    {
        Assert.Contains("/", Directories("github-actions"));
        // Directory.Packages.props at the root pins every .NET project's packages.
        Assert.True(File.Exists(Repo.Path("Directory.Packages.props")));
        Assert.Contains("/", Directories("nuget"));
    }

    [Fact]
    public void Every_package_json_folder_is_updated()
    {
        var (_, listed, _) = Repo.Run("git", ["ls-files", "--", "*package.json"]);
        var folders = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => !file.Contains("node_modules/", StringComparison.Ordinal))
            .Select(file => "/" + System.IO.Path.GetDirectoryName(file)!.Replace('\\', '/'))
            .ToList();
        Assert.Contains("/local/WebConsole", folders);
        Assert.Contains("/bench/sfn-comparator", folders);
        Assert.Contains("/tests/local/StepFunctions.Service.Tests/sdk", folders);

        var covered = Directories("npm");
        Assert.All(folders, folder => Assert.True(Covers(covered, folder), $"dependabot.yml's npm entry does not list {folder}"));
    }

    [Fact]
    public void Every_terraform_root_and_module_is_updated()
    {
        var (_, listed, _) = Repo.Run("git", ["ls-files", "--", "terraform/*.tf"]);
        var folders = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => File.ReadAllText(Repo.Path(file)).Contains("required_providers", StringComparison.Ordinal))
            .Select(file => "/" + System.IO.Path.GetDirectoryName(file)!.Replace('\\', '/'))
            .Distinct()
            .ToList();
        Assert.Contains("/terraform", folders);
        Assert.Contains("/terraform/modules/state-machine", folders);

        var covered = Directories("terraform");
        Assert.All(folders, folder => Assert.True(Covers(covered, folder), $"dependabot.yml's terraform entry does not list {folder}"));
    }

    [Fact]
    public void A_folder_outside_the_listed_ones_is_not_covered()
    {
        Assert.False(Covers(["/terraform", "/terraform/modules/*"], "/terraform/modules/a/b"));
        Assert.False(Covers(["/local/WebConsole"], "/local/Other"));
        Assert.True(Covers(["/terraform/modules/*"], "/terraform/modules/kms-key"));
    }

    // Dependabot's `directories` take a trailing `*` for one level of folders.
    private static bool Covers(IReadOnlyList<string> directories, string folder) =>
        directories.Any(directory => directory == folder ||
            (directory.EndsWith("/*", StringComparison.Ordinal) &&
             folder.StartsWith(directory[..^1], StringComparison.Ordinal) &&
             !folder[(directory.Length - 1)..].Contains('/', StringComparison.Ordinal)));

    private static List<string> Directories(string ecosystem)
    {
        var entries = Updates.Children.Cast<YamlMappingNode>()
            .Where(entry => Workflow.Scalar(entry, "package-ecosystem") == ecosystem)
            .ToList();
        Assert.True(entries.Count > 0, $"dependabot.yml has no {ecosystem} entry");
        Assert.All(entries, entry => Assert.NotNull(Workflow.Scalar(entry, "schedule", "interval")));
        return [.. entries.SelectMany(entry =>
            Workflow.Scalar(entry, "directory") is { } directory
                ? [directory]
                : ((YamlSequenceNode)entry["directories"]).Children.Select(node => ((YamlScalarNode)node).Value!))];
    }

    private static YamlSequenceNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repo.Path(".github", "dependabot.yml"))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("2", ((YamlScalarNode)root["version"]).Value);
        return (YamlSequenceNode)root["updates"];
    }
}
