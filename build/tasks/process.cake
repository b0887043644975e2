// Running external tools: output streams straight to the console; a failure becomes one sentence that
// names the command and, when we know it, the fix (Cake then names the task that failed).

void Run(string tool, string arguments, string hint = null)
{
    Information("> {0} {1}", tool, arguments);
    int exitCode;
    try
    {
        exitCode = StartProcess(tool, new ProcessSettings { Arguments = arguments });
    }
    catch (Exception error) when (error is System.ComponentModel.Win32Exception || error is CakeException)
    {
        throw new CakeException($"could not start `{tool}` ({error.Message}); is it installed and on PATH?");
    }

    if (exitCode != 0)
    {
        throw new CakeException($"`{tool} {arguments}` failed with exit code {exitCode}" + (hint == null ? "." : $"; {hint}"));
    }
}

string Env(string name) => EnvironmentVariable(name) is { Length: > 0 } value ? value : null;

bool IsCi => string.Equals(Env("CI"), "true", StringComparison.OrdinalIgnoreCase);
