// Terraform steps. Directories are discovered rather than listed, so modules are checked as they land:
// terraform/ itself and every terraform/modules/* folder that holds .tf files.
// Provider source: TF_PLUGIN_DIR (a filesystem mirror; the Makefile sets it to /opt/tf-plugins when present),
// else whatever the Terraform CLI configuration says (TF_CLI_CONFIG_FILE / ~/.terraformrc), else the registry.

List<string> TerraformDirectories()
{
    var directories = new List<string>();
    if (!System.IO.Directory.Exists(Paths.Terraform))
    {
        return directories;
    }
    if (System.IO.Directory.EnumerateFiles(Paths.Terraform, "*.tf").Any())
    {
        directories.Add(Paths.Terraform);
    }
    // The pull-request plan role's bootstrap configuration is a root of its own.
    var bootstrap = $"{Paths.Terraform}/bootstrap";
    if (System.IO.Directory.Exists(bootstrap) && System.IO.Directory.EnumerateFiles(bootstrap, "*.tf").Any())
    {
        directories.Add(bootstrap);
    }
    var modules = System.IO.Path.Combine(Paths.Terraform, "modules");
    if (System.IO.Directory.Exists(modules))
    {
        directories.AddRange(System.IO.Directory.GetDirectories(modules)
            .Where(module => System.IO.Directory.EnumerateFiles(module, "*.tf").Any())
            .Select(module => module.Replace('\\', '/'))
            .OrderBy(module => module, StringComparer.Ordinal));
    }
    return directories;
}

// `terraform test` reads tests/*.tftest.hcl (and *.tftest.hcl beside the configuration).
bool HasTerraformTests(string directory) =>
    System.IO.Directory.EnumerateFiles(directory, "*.tftest.hcl").Any() ||
    (System.IO.Directory.Exists(System.IO.Path.Combine(directory, "tests")) &&
     System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(directory, "tests"), "*.tftest.hcl").Any());

// True when there is Terraform to work on; otherwise says so once and the step is skipped.
bool TerraformPresent(string step)
{
    if (TerraformDirectories().Count == 0)
    {
        Information("{0}: skipped, no Terraform configuration under {1}/ yet.", step, Paths.Terraform);
        return false;
    }
    if (Context.Tools.Resolve("terraform") == null)
    {
        throw new CakeException("terraform is not installed or not on PATH; install Terraform 1.11 or newer (https://developer.hashicorp.com/terraform/install).");
    }
    return true;
}

string PluginDirArgument()
{
    var pluginDir = Env("TF_PLUGIN_DIR");
    if (pluginDir == null)
    {
        return "";
    }
    if (!System.IO.Directory.Exists(pluginDir))
    {
        throw new CakeException($"TF_PLUGIN_DIR={pluginDir} does not exist; point it at a provider mirror, or unset it to let `terraform init` download providers.");
    }
    return $" -plugin-dir={MakeAbsolute(Directory(pluginDir)).FullPath}";
}

const string InitHint = "Terraform could not install the providers; offline, set TF_PLUGIN_DIR to a provider mirror (e.g. /opt/tf-plugins).";

Task("tf-fmt-check")
    .Description("terraform fmt -check -recursive terraform")
    .Does(() =>
{
    if (TerraformPresent("tf-fmt-check"))
    {
        Run("terraform", $"fmt -check -recursive -diff {Paths.Terraform}", "the files listed above are not formatted; run `make fmt`.");
    }
});

Task("tf-fmt")
    .Description("terraform fmt -recursive terraform (rewrites files)")
    .Does(() =>
{
    if (TerraformPresent("tf-fmt"))
    {
        Run("terraform", $"fmt -recursive {Paths.Terraform}");
    }
});

Task("tf-validate")
    .Description("terraform init -backend=false and validate in terraform/ and each module")
    .Does(() =>
{
    if (!TerraformPresent("tf-validate"))
    {
        return;
    }
    foreach (var directory in TerraformDirectories())
    {
        Run("terraform", $"-chdir={directory} init -backend=false -input=false -no-color{PluginDirArgument()}", InitHint);
        Run("terraform", $"-chdir={directory} validate -no-color", $"fix the configuration in {directory}/ named above.");
    }
});

// Test files that differ only in a few values are one template and a table: each
// <directory>/tests/<set>/<name>.tftest.hcl.tmpl renders once per row of <set>/<set>.json into
// tests/<name>_<row name>.tftest.hcl ({{key}} -> the row's value), which git ignores.
void RenderTerraformTestTemplates(string directory)
{
    var tests = System.IO.Path.Combine(directory, "tests");
    if (!System.IO.Directory.Exists(tests))
    {
        return;
    }
    foreach (var template in System.IO.Directory.EnumerateFiles(tests, "*.tftest.hcl.tmpl", System.IO.SearchOption.AllDirectories))
    {
        var set = System.IO.Path.GetDirectoryName(template);
        var table = System.IO.Path.Combine(set, System.IO.Path.GetFileName(set) + ".json");
        if (!System.IO.File.Exists(table))
        {
            throw new CakeException($"{template} has no table of values: create {table} (a JSON array of objects, each with a \"name\").");
        }
        var name = System.IO.Path.GetFileName(template).Replace(".tftest.hcl.tmpl", "");
        var text = System.IO.File.ReadAllText(template);
        foreach (var row in System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(table)).RootElement.EnumerateArray())
        {
            var rendered = row.EnumerateObject().Aggregate(text, (current, value) => current.Replace("{{" + value.Name + "}}", value.Value.GetString()));
            System.IO.File.WriteAllText(System.IO.Path.Combine(tests, $"{name}_{row.GetProperty("name").GetString()}.tftest.hcl"), rendered);
        }
    }
}

Task("tf-test")
    .Description("terraform test in every Terraform directory that has tests")
    .IsDependentOn("tf-validate") // validate has run init in each directory
    .Does(() =>
{
    if (!TerraformPresent("tf-test"))
    {
        return;
    }
    var tested = TerraformDirectories().Where(HasTerraformTests).ToList();
    if (tested.Count == 0)
    {
        Information("tf-test: skipped, no *.tftest.hcl files yet.");
    }
    foreach (var directory in tested)
    {
        RenderTerraformTestTemplates(directory);
        // -no-color keeps the "Success! N passed, N failed." line plain, which .ci/run sums.
        Run("terraform", $"-chdir={directory} test -no-color", $"the failing run blocks in {directory}/ are listed above.");
    }
});

// ---- Deployment (needs credentials; see aws.cake) ----
// ENV picks the environment (default dev): backend settings come from BACKEND_CONFIG, else
// terraform/environments/<ENV>.s3.tfbackend; variables from terraform/environments/<ENV>.tfvars when present.

string DeployEnvironment() => Env("ENV") ?? "dev";

string EnvironmentFile(string extension) =>
    MakeAbsolute(File($"{Paths.Terraform}/environments/{DeployEnvironment()}.{extension}")).FullPath;

string VarFileArgument() =>
    FileExists(EnvironmentFile("tfvars")) ? $" -var-file={EnvironmentFile("tfvars")}" : "";

string PlanFile() => MakeAbsolute(File($"{Paths.TerraformPlans}/{DeployEnvironment()}.tfplan")).FullPath;

void RequireRootConfiguration()
{
    if (!TerraformPresent("terraform") || !TerraformDirectories().Contains(Paths.Terraform))
    {
        throw new CakeException($"there is no Terraform root configuration in {Paths.Terraform}/ to deploy yet.");
    }
}

// The backend file of ENV, checked before anything talks to AWS: a placeholder bucket or a state key
// shared with another environment is refused with one sentence, before `terraform init`.
string BackendFile() => Env("BACKEND_CONFIG") is string given ? MakeAbsolute(File(given)).FullPath : EnvironmentFile("s3.tfbackend");

string BackendSetting(string file, string name) =>
    System.IO.File.ReadLines(file)
        .Select(line => System.Text.RegularExpressions.Regex.Match(line, $@"^\s*{name}\s*=\s*""([^""]*)"""))
        .Where(match => match.Success)
        .Select(match => match.Groups[1].Value)
        .FirstOrDefault();

Task("tf-backend")
    .Description("Refuse a missing backend file, a placeholder bucket, or a state key outside <ENV>/")
    .Does(() =>
{
    RequireRootConfiguration();
    var backend = BackendFile();
    if (!FileExists(backend))
    {
        throw new CakeException($"no backend configuration for ENV={DeployEnvironment()}: {backend} does not exist; create it " +
            "(bucket, key, region; see terraform/README.md, \"Remote state\") or set BACKEND_CONFIG=path/to/file.s3.tfbackend.");
    }
    var bucket = BackendSetting(backend, "bucket");
    if (bucket == null || bucket.Contains("CHANGE-ME", StringComparison.OrdinalIgnoreCase))
    {
        throw new CakeException($"{backend} still names the placeholder state bucket \"{bucket}\": create the bucket once " +
            "(terraform/README.md, \"Remote state\") and put its name in that file, or set BACKEND_CONFIG=path/to/yours.s3.tfbackend.");
    }
    var key = BackendSetting(backend, "key");
    if (key == null || !key.StartsWith(DeployEnvironment() + "/", StringComparison.Ordinal))
    {
        throw new CakeException($"{backend} keeps the state of ENV={DeployEnvironment()} at key \"{key}\": start the key with " +
            $"\"{DeployEnvironment()}/\" (e.g. {DeployEnvironment()}/serverless-workflows.tfstate) so that no two environments share a state.");
    }
    Information("tf-backend: ENV={0} keeps its state at s3://{1}/{2}.", DeployEnvironment(), bucket, key);
});

// An init failure names its real cause: the output is matched against what the AWS SDK and Terraform
// print for each (first match wins; provider downloads come first, they also mention network errors).
static readonly (string Pattern, string Hint)[] InitFailures =
{
    (@"Failed to query available provider packages|Failed to install provider|registry\.terraform\.io",
        "Terraform could not install the providers; offline, set TF_PLUGIN_DIR to a provider mirror (e.g. /opt/tf-plugins)."),
    (@"No valid credential sources|NoCredentialProviders|InvalidClientTokenId|ExpiredToken|security token included in the request is (invalid|expired)|SignatureDoesNotMatch|failed to refresh cached credentials|no EC2 IMDS role found|SSO session .* expired",
        "the AWS credentials are missing, expired or invalid: refresh them (e.g. `aws sso login`) or check AWS_PROFILE, then run again."),
    (@"dial tcp|no such host|i/o timeout|connection refused|network is unreachable|TLS handshake timeout|context deadline exceeded",
        "AWS could not be reached (network or proxy): check the connection, HTTPS_PROXY and the region, then run again."),
    (@"NoSuchBucket|bucket does not exist|BucketRegionError|PermanentRedirect|requested bucket from .* actual location",
        "the state bucket named in {0} does not exist or lives in another region: create it (terraform/README.md, \"Remote state\") or fix bucket/region there."),
    (@"AccessDenied|Forbidden|status code: 403|StatusCode: 403",
        "these credentials may not read the state bucket named in {0}: grant s3:ListBucket on it and s3:GetObject/PutObject on the state key."),
};

string InitFailureHint(string output, string backend) =>
    InitFailures.Where(failure => System.Text.RegularExpressions.Regex.IsMatch(output, failure.Pattern))
        .Select(failure => string.Format(failure.Hint, backend))
        .FirstOrDefault()
    ?? $"see the error above; the state bucket named in {backend} must exist and be reachable with these credentials.";

Task("tf-init")
    .Description("terraform init with the S3 backend of ENV (BACKEND_CONFIG or terraform/environments/<ENV>.s3.tfbackend)")
    .IsDependentOn("tf-backend")
    .Does(() =>
{
    var backend = BackendFile();
    // -reconfigure: switching ENV points at another state; never offer to copy one environment's state into another.
    var arguments = $"-chdir={Paths.Terraform} init -input=false -reconfigure -backend-config={backend}{PluginDirArgument()}";
    Information("> terraform {0}", arguments);
    var exitCode = StartProcess("terraform", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true },
        out var stdout, out var stderr);
    var output = string.Join(System.Environment.NewLine, stdout.Concat(stderr));
    Information(output);
    if (exitCode != 0)
    {
        throw new CakeException($"`terraform init` failed with exit code {exitCode}; {InitFailureHint(output, backend)}");
    }
});

// Lock waits rather than failing at once when someone else holds the state (a colleague's apply).
const string LockTimeout = "-lock-timeout=5m";

string CommitFile() => PlanFile() + ".commit";

string HeadCommit()
{
    var exitCode = StartProcess("git", new ProcessSettings { Arguments = "rev-parse HEAD", RedirectStandardOutput = true, Silent = true }, out var lines);
    return exitCode == 0 ? lines.FirstOrDefault()?.Trim() : null;
}

Task("tf-plan")
    .Description("terraform plan for ENV into artifacts/terraform/<ENV>.tfplan (PLAN_LOCK=false plans without taking the state lock, for read-only roles)")
    .IsDependentOn("tf-init")
    .Does(() =>
{
    EnsureDirectoryExists(Paths.TerraformPlans);
    // The pull-request plan role can only read the state: it plans without the lock (nothing is applied from it).
    var lockArgument = string.Equals(Env("PLAN_LOCK"), "false", StringComparison.OrdinalIgnoreCase) ? "-lock=false" : LockTimeout;
    DeleteFiles(new[] { PlanFile(), CommitFile() }.Where(path => FileExists(path)).Select(path => new FilePath(path)));
    Run("terraform", $"-chdir={Paths.Terraform} plan -input=false {lockArgument} -out={PlanFile()}{VarFileArgument()}",
        "the error above names the resource; plans need the packages (run `make package`) and AWS read access.");
    // The plan is only valid for the code it was made from: tf-apply compares this with HEAD.
    System.IO.File.WriteAllText(CommitFile(), HeadCommit() ?? "unknown");
    // Plain text of the plan (sensitive values stay hidden), for reviews and the pull-request comment.
    StartProcess("terraform", new ProcessSettings { Arguments = $"-chdir={Paths.Terraform} show -no-color {PlanFile()}", RedirectStandardOutput = true },
        out var shown);
    System.IO.File.WriteAllLines(PlanFile() + ".txt", shown);
    Information("tf-plan: saved {0} for commit {1}; `make apply` applies exactly this plan.", PlanFile(), System.IO.File.ReadAllText(CommitFile()));
});

Task("tf-apply")
    .Description("terraform apply of the saved plan of ENV, only for the commit it was made from")
    .Does(() =>
{
    if (!FileExists(PlanFile()))
    {
        throw new CakeException($"there is no saved plan for ENV={DeployEnvironment()} ({PlanFile()}); run `make plan` first, review it, then `make apply`.");
    }
    var planned = FileExists(CommitFile()) ? System.IO.File.ReadAllText(CommitFile()).Trim() : "unknown";
    var head = HeadCommit() ?? "unknown";
    if (planned == "unknown" || planned != head)
    {
        throw new CakeException($"the saved plan {PlanFile()} was made for commit {planned}, but the checkout is at {head}; " +
            "run `make plan` again for this commit (a plan is never applied to other code).");
    }
    Run("terraform", $"-chdir={Paths.Terraform} apply -input=false {LockTimeout} {PlanFile()}",
        "the error above names the resource; run `make plan` to see the current state.");
});

Task("tf-destroy")
    .Description("terraform destroy for ENV (asks for confirmation unless AUTO_APPROVE=true)")
    .IsDependentOn("tf-init")
    .Does(() =>
{
    var approve = string.Equals(Env("AUTO_APPROVE"), "true", StringComparison.OrdinalIgnoreCase) ? " -auto-approve -input=false" : "";
    Run("terraform", $"-chdir={Paths.Terraform} destroy {LockTimeout}{approve}{VarFileArgument()}");
});
