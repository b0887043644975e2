using Build.Packaging;

namespace Lambdas.Bench;

/// <summary>Deployment package sizes: the zips `make package` wrote, and other builds zipped the same way.</summary>
public static class ZipSize
{
    /// <summary>artifacts/lambdas/&lt;name&gt;.zip, as Terraform uploads it.</summary>
    public static long Packaged(string name) => new FileInfo(Path.Combine(Builds.Root, "artifacts", "lambdas", $"{name}.zip")).Length;

    /// <summary>The zip `make package` would make of a publish folder (build/Packaging's DeterministicZip).</summary>
    public static long Zipped(string bootstrap) => DeterministicZip.Create(Path.GetDirectoryName(bootstrap)!).LongLength;
}
