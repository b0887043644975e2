using Lambda.Local;

namespace Lambda.Local.Tests;

public static class BashRuntime
{
    public static string Path { get; } = Prepare();

    public static LocalFunctionOptions Options(Dictionary<string, string>? environment = null, TimeSpan? timeout = null, TimeSpan? initTimeout = null,
        string logFormat = "Text", int? maxInstances = null, TimeSpan? queueTimeout = null) =>
        new()
        {
            BootstrapPath = Path,
            FunctionName = "bash-fn",
            MemorySizeMb = 256,
            LogFormat = logFormat,
            Environment = environment ?? [],
            // Generous defaults so a loaded machine never turns into a failure; tests that want a timeout set one.
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            InitTimeout = initTimeout ?? TimeSpan.FromSeconds(30),
            MaxInstances = maxInstances,
            QueueTimeout = queueTimeout ?? TimeSpan.FromSeconds(30),
        };

    private static string Prepare()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "bash-runtime.sh");
        // The build copies files without their mode bits. Lambda.Local runs Linux processes only.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Lambda.Local runs Linux bootstraps.");
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
