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

Task("tf-init")
    .Description("terraform init with the S3 backend of ENV (BACKEND_CONFIG or terraform/environments/<ENV>.s3.tfbackend)")
    .Does(() =>
{
    RequireRootConfiguration();
    var backend = Env("BACKEND_CONFIG") is string given ? MakeAbsolute(File(given)).FullPath : EnvironmentFile("s3.tfbackend");
    if (!FileExists(backend))
    {
        throw new CakeException($"no backend configuration for ENV={DeployEnvironment()}: {backend} does not exist; create it " +
            "(bucket, key, region, use_lockfile = true; see terraform/README.md) or set BACKEND_CONFIG=path/to/file.s3.tfbackend.");
    }
    // -reconfigure: switching ENV points at another state; never offer to copy one environment's state into another.
    Run("terraform", $"-chdir={Paths.Terraform} init -input=false -reconfigure -backend-config={backend}{PluginDirArgument()}",
        $"the state bucket named in {backend} must exist and be reachable with these credentials (see terraform/README.md, " +
        "\"Remote state\"); offline, providers also need TF_PLUGIN_DIR.");
});

Task("tf-plan")
    .Description("terraform plan for ENV into artifacts/terraform/<ENV>.tfplan")
    .IsDependentOn("tf-init")
    .Does(() =>
{
    EnsureDirectoryExists(Paths.TerraformPlans);
    Run("terraform", $"-chdir={Paths.Terraform} plan -input=false -out={PlanFile()}{VarFileArgument()}",
        "the error above names the resource; plans need the packages (run `make package`) and AWS read access.");
    Information("tf-plan: saved {0}; `make deploy` applies exactly this plan after testing.", PlanFile());
});

Task("tf-apply")
    .Description("terraform apply of the saved plan")
    .IsDependentOn("tf-plan")
    .Does(() => Run("terraform", $"-chdir={Paths.Terraform} apply -input=false {PlanFile()}",
        "the error above names the resource; run `make plan` to see the current state."));

Task("tf-destroy")
    .Description("terraform destroy for ENV (asks for confirmation unless AUTO_APPROVE=true)")
    .IsDependentOn("tf-init")
    .Does(() =>
{
    var approve = string.Equals(Env("AUTO_APPROVE"), "true", StringComparison.OrdinalIgnoreCase) ? " -auto-approve -input=false" : "";
    Run("terraform", $"-chdir={Paths.Terraform} destroy{approve}{VarFileArgument()}");
});
