namespace Workflows.Local.Cli;

/// <summary>The --input value: a JSON document, or <c>@path</c> for a file holding one (like the AWS CLI's
/// <c>file://</c>). The parser's own response-file expansion is off, so <c>@</c> reaches this class.</summary>
public static class InputArgument
{
    public static string Read(string value, string currentDirectory)
    {
        if (!value.StartsWith('@'))
        {
            return value;
        }

        var path = Path.GetFullPath(value[1..], currentDirectory);
        if (value.Length == 1 || !File.Exists(path))
        {
            throw new RunException($"The input file {path} does not exist: INPUT=@path reads the execution input from a JSON file, relative to the folder make runs in (the repository root), e.g. INPUT=@local/examples/orchestrator-manifest.json.");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new RunException($"The input file {path} could not be read ({e.Message}).");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunException($"The input file {path} could not be read ({e.Message}).");
        }
    }
}
