namespace Workflows.Local;

/// <summary>Where <c>make run</c> reads and writes, relative to the repository root.</summary>
public sealed class RunPaths(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Templates => Path.Combine(Root, "terraform", "templates");
    public string Deployment => Path.Combine(Root, "terraform", "deployment.json");
    public string Manifest => Path.Combine(Root, "artifacts", "lambdas", "manifest.json");
    public string RunDirectory => Path.Combine(Root, "artifacts", "run");
    public string Functions => Path.Combine(RunDirectory, "functions");
    public string SnsOutbox => LocalIntegrations.SnsOutboxIn(RunDirectory);
    public string DynamoDbTables => LocalIntegrations.DynamoDbTablesIn(RunDirectory);

    public string HistoryOf(string workflow) => Path.Combine(RunDirectory, $"{workflow}.history.json");

    /// <summary>The folder holding the histories of the child executions a run of <paramref name="workflow"/> started.</summary>
    public string ChildHistoriesOf(string workflow) => Path.Combine(RunDirectory, $"{workflow}.children");

    /// <summary>The repository holding <paramref name="start"/>: the nearest folder with a global.json.</summary>
    public static RunPaths FindFrom(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")))
            {
                return new RunPaths(directory.FullName);
            }
        }

        throw new RunException($"{start} is not inside the repository (no global.json above it): run from the repository or pass --root.");
    }
}
