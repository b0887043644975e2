namespace Build.Packaging;

/// <summary>The two commands, with a parser small enough to read at a glance.</summary>
public static class Cli
{
    public const string Usage =
        "usage: Packaging package --publish-root DIR --output DIR NAME...\n" +
        "       Packaging guard --manifest FILE [--publish-root DIR] [--max-zip-bytes N] [--max-glibc X.Y]";

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0)
        {
            errors.WriteLine(Usage);
            return 2;
        }

        var (options, names) = Parse(args.Skip(1));
        switch (args[0])
        {
            case "package":
                var results = LambdaPackager.Package(Required(options, "--publish-root"), Required(options, "--output"), names);
                foreach (var result in results)
                {
                    output.WriteLine($"package: {result.ZipPath,-40} {result.Entry.Size,12:N0} bytes  sha256 {result.Entry.Sha256}  " +
                        (result.Written ? "written" : "unchanged"));
                }
                return 0;

            case "guard":
                var limits = new GuardLimits();
                if (options.TryGetValue("--max-zip-bytes", out var maxBytes))
                {
                    limits = limits with { MaxZipBytes = long.TryParse(maxBytes, out var bytes) ? bytes : throw Invalid("--max-zip-bytes", maxBytes) };
                }
                if (options.TryGetValue("--max-glibc", out var maxGlibc))
                {
                    limits = limits with { MaxGlibc = Version.TryParse(maxGlibc, out var version) ? version : throw Invalid("--max-glibc", maxGlibc) };
                }

                var manifest = Required(options, "--manifest");
                var problems = Guard.CheckManifest(manifest, options.GetValueOrDefault("--publish-root"), limits);
                foreach (var problem in problems)
                {
                    errors.WriteLine("guard: " + problem);
                }
                if (problems.Count == 0)
                {
                    output.WriteLine($"guard: every package in {manifest} is within {limits.MaxZipBytes:N0} bytes, has an executable bootstrap and needs glibc {limits.MaxGlibc} or older.");
                }
                return problems.Count == 0 ? 0 : 1;

            default:
                errors.WriteLine($"unknown command '{args[0]}'.\n{Usage}");
                return 2;
        }
    }

    private static (Dictionary<string, string> Options, List<string> Names) Parse(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new List<string>();
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            if (arg.Current.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg.Current;
                options[name] = arg.MoveNext() ? arg.Current : throw new PackagingException($"{name} needs a value.\n{Usage}");
            }
            else
            {
                names.Add(arg.Current);
            }
        }
        return (options, names);
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new PackagingException($"missing {name}.\n{Usage}");

    private static PackagingException Invalid(string option, string value) => new($"{option} '{value}' is not valid.\n{Usage}");
}
