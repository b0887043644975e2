// The build, run through the Makefile (`make <target>`) or directly:
//   dotnet tool run dotnet-cake build/build.cake --target=<task>
// Each concern lives in a small file under build/tasks/; this file only wires the pipeline together.
// Targets: clean, restore, build, aot-toolchain, publish, zip, guard, package, dotnet-test, tf-fmt-check, tf-validate,
// tf-test, test, fmt, aws-credentials, tf-init, plan, apply, deploy, destroy, verify-reproducible.

#load "tasks/paths.cake"
#load "tasks/process.cake"
#load "tasks/aot.cake"
#load "tasks/dotnet.cake"
#load "tasks/package.cake"
#load "tasks/terraform.cake"
#load "tasks/aws.cake"

// Cake starts in the script's folder (build/); every path in these scripts is relative to the repository root.
Context.Environment.WorkingDirectory = MakeAbsolute(Directory(".."));

var target = Argument("target", "package");

// make test: everything offline.
Task("test")
    .Description("Build, publish the Lambdas, run every .NET test project and every Terraform check")
    .IsDependentOn("dotnet-test")
    .IsDependentOn("tf-fmt-check")
    .IsDependentOn("tf-validate")
    .IsDependentOn("tf-test");

// make plan: credentials first (fail fast), then the packages Terraform hashes, then the plan.
Task("plan")
    .Description("Package the Lambdas and write a Terraform plan for ENV (needs AWS credentials)")
    .IsDependentOn("aws-credentials")
    .IsDependentOn("tf-backend")
    .IsDependentOn("package")
    .IsDependentOn("tf-plan");

// make deploy: what a release engineer does, in order; the apply uses the plan just shown.
Task("deploy")
    .Description("Test, package, guard, then plan and apply Terraform for ENV (needs AWS credentials)")
    .IsDependentOn("aws-credentials")
    .IsDependentOn("tf-backend")
    .IsDependentOn("test")
    .IsDependentOn("package")
    .IsDependentOn("tf-plan")
    .IsDependentOn("tf-apply");

// make apply: the plan `make plan` saved (and you reviewed), for the same commit only.
Task("apply")
    .Description("Apply the saved plan of ENV (needs AWS credentials and the same commit as the plan)")
    .IsDependentOn("aws-credentials")
    .IsDependentOn("tf-init")
    .IsDependentOn("tf-apply");

Task("destroy")
    .Description("Destroy everything Terraform manages for ENV (needs AWS credentials)")
    .IsDependentOn("aws-credentials")
    .IsDependentOn("tf-backend")
    .IsDependentOn("package") // the configuration reads the manifest even when destroying
    .IsDependentOn("tf-destroy");

Task("fmt")
    .Description("Format Terraform and C# whitespace in place")
    .IsDependentOn("tf-fmt")
    .IsDependentOn("dotnet-fmt");

RunTarget(target);
