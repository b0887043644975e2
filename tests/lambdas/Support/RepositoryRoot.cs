namespace Lambdas.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding global.json, found by walking up from the test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}");
    }
}
