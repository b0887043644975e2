using System.Text.Json;

namespace Workflows.Local.Tests;

/// <summary>
/// A private copy of a terraform/ folder, initialised offline with a local backend, whose real locals
/// <c>terraform console</c> evaluates (no AWS: values known only after apply come back as null).
/// </summary>
internal sealed class TerraformConsole : IDisposable
{
    private readonly string root = System.IO.Directory.CreateTempSubdirectory("tf-drift-").FullName;

    public TerraformConsole(string terraformDirectory)
    {
        Directory = Path.Combine(root, "terraform");
        CopyConfiguration(terraformDirectory, Directory);
        // The root module's S3 backend needs credentials even to open a console: an override swaps in a local one.
        File.WriteAllText(Path.Combine(Directory, "zz_local_backend_override.tf"), "terraform {\n  backend \"local\" {}\n}\n");
        // Providers from TF_PLUGIN_DIR when set (make test sets it to the offline mirror), as the Terraform checks do.
        var pluginDir = Environment.GetEnvironmentVariable("TF_PLUGIN_DIR") is { Length: > 0 } dir ? $" -plugin-dir={dir}" : "";
        var (exitCode, stdout, stderr) = Repo.Exec("terraform", $"init -input=false -no-color{pluginDir}", Directory);
        Assert.True(exitCode == 0, $"terraform init failed:\n{stdout}\n{stderr}");
    }

    /// <summary>The copy's root: the configuration is its terraform/ folder; tests may add other parts of the repository.</summary>
    public string Root => root;

    /// <summary>The configuration's copy (its own templates/ and deployment.json: tests may change them).</summary>
    public string Directory { get; }

    /// <summary>
    /// Evaluates an expression that yields a flat map of strings; a value Terraform knows only after apply is null.
    /// One console run per call: each loads the provider schema (about 3 s of CPU).
    /// </summary>
    public Dictionary<string, string?> EvaluateMap(string expression, string manifestPath)
    {
        var (exitCode, stdout, stderr) = Repo.Exec("terraform", $"console -no-color -var lambda_manifest_path={manifestPath}", Directory,
            string.Join(' ', expression.Split('\n').Select(line => line.Trim())) + "\n"); // the console reads one expression a line
        Assert.True(exitCode == 0, $"terraform console failed:\n{stderr}");
        return ParseMap(stdout);
    }

    public void Dispose() => System.IO.Directory.Delete(root, recursive: true);

    // The console prints a map one entry a line:  "key" = "value"  or  "key" = (known after apply).
    // Its strings are HCL strings: JSON escapes, with template sequences doubled.
    private static Dictionary<string, string?> ParseMap(string output)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('"')))
        {
            var separator = line.IndexOf("\" = ", StringComparison.Ordinal);
            var key = JsonString(line[..(separator + 1)]);
            var value = line[(separator + 4)..];
            map[key] = value == "(known after apply)" ? null : JsonString(value);
        }

        Assert.True(map.Count > 0, $"terraform console printed no map:\n{output}");
        return map;
    }

    private static string JsonString(string hcl) =>
        JsonSerializer.Deserialize<string>(hcl.Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal))!;

    /// <summary>Copies a folder, leaving out Terraform's working files and build output.</summary>
    public static void CopyConfiguration(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from).Where(file => !Path.GetFileName(file).StartsWith(".terraform", StringComparison.Ordinal) && !file.EndsWith(".tfstate", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in System.IO.Directory.GetDirectories(from).Where(directory => Path.GetFileName(directory) is not (".terraform" or "bin" or "obj")))
        {
            CopyConfiguration(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
