// Native AOT: the shipped build compiles each function to machine code and links it with the platform's C
// toolchain. This file holds the fallback switch and the toolchain check that runs before publishing
// (tested in tests/build/Packaging.Tests/AotToolchainCheckTests.cs).

// PUBLISH_AOT=false (`make package PUBLISH_AOT=false`) publishes the ReadyToRun fallback instead
// (lambdas/Function.props), for machines without the toolchain. Default: true.
bool PublishAot()
{
    var value = Env("PUBLISH_AOT") ?? "true";
    return value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new CakeException($"PUBLISH_AOT must be true (Native AOT, the default) or false (the ReadyToRun fallback), not '{value}'."),
    };
}

// The MSBuild argument that carries the switch into build/publish.proj (and from there to every function).
string PublishAotArgument() => PublishAot() ? "" : " -p:PublishAot=false";

// ILCompiler drives the link through clang or gcc, which call binutils' ld and strip the result with objcopy,
// against the C library's start files and link stubs (libc6-dev). Missing any of them, the AOT build fails
// deep in a linker trace; this names the Debian package instead, in one sentence.
Task("aot-toolchain")
    .Description("Check the C toolchain Native AOT links with (skipped when PUBLISH_AOT=false)")
    .Does(RequireAotToolchain);

void RequireAotToolchain()
{
    if (!PublishAot())
    {
        return;
    }
    var compiler = new[] { "clang", "gcc" }.FirstOrDefault(name => Context.Tools.Resolve(name) != null);
    if (compiler == null)
    {
        throw MissingToolchain("there is no C compiler (clang or gcc) on PATH", "gcc libc6-dev");
    }
    if (Context.Tools.Resolve("objcopy") == null && (compiler != "clang" || Context.Tools.Resolve("llvm-objcopy") == null))
    {
        throw MissingToolchain("there is no objcopy on PATH", "binutils");
    }

    // Link an empty program against the libraries every bootstrap links: catches a missing libc6-dev or ld.
    var probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aot-toolchain-" + Guid.NewGuid().ToString("N")[..8]);
    try
    {
        System.IO.File.WriteAllText(probe + ".c", "int main(void) { return 0; }\n");
        var exitCode = StartProcess(compiler, new ProcessSettings
        {
            Arguments = $"-o {probe} {probe}.c -lm -ldl -lrt -pthread",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (exitCode != 0)
        {
            throw MissingToolchain($"`{compiler}` cannot link a C program (no C library start files or linker)", "libc6-dev binutils");
        }
    }
    finally
    {
        foreach (var file in new[] { probe, probe + ".c" })
        {
            System.IO.File.Delete(file);
        }
    }
}

CakeException MissingToolchain(string problem, string packages) => new CakeException(
    $"Native AOT links each Lambda with the C toolchain, but {problem}: install the Debian package(s) {packages} " +
    $"(`sudo apt-get install {packages}`, or `make prerequisites`), or publish the ReadyToRun fallback with `make package PUBLISH_AOT=false`.");
