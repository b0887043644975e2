namespace Build.Packaging.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    public void Dispose() => _temp.Dispose();

    private int Run(params string[] args) => Cli.Run(args, _output, _errors);

    [Fact]
    public void Package_then_guard_succeeds_on_a_good_function()
    {
        _temp.Write("publish/even/bootstrap", ElfFixture.NeedingLibc("GLIBC_2.2.5"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(0, Run("package", "--publish-root", _temp.Combine("publish"), "--output", _temp.Combine("lambdas"), "even"));
        Assert.Equal(0, Run("guard", "--manifest", _temp.Combine("lambdas", "manifest.json"), "--publish-root", _temp.Combine("publish")));
        Assert.Contains("even.zip", _output.ToString());
        Assert.Equal("", _errors.ToString());
    }

    [Fact]
    public void Guard_exits_1_and_prints_each_problem_on_stderr()
    {
        _temp.Write("publish/odd/bootstrap", ElfFixture.NeedingLibc("GLIBC_2.38"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Run("package", "--publish-root", _temp.Combine("publish"), "--output", _temp.Combine("lambdas"), "odd");

        Assert.Equal(1, Run("guard", "--manifest", _temp.Combine("lambdas", "manifest.json"), "--max-glibc", "2.34"));
        Assert.StartsWith("guard: ", _errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("needs GLIBC_2.38", _errors.ToString());
    }

    [Fact]
    public void Unknown_commands_show_the_usage_and_exit_2()
    {
        Assert.Equal(2, Run("zip"));
        Assert.Contains("usage: Packaging package", _errors.ToString());
    }

    [Fact]
    public void A_missing_option_is_named()
    {
        var error = Assert.Throws<PackagingException>(() => Run("guard"));

        Assert.StartsWith("missing --manifest.", error.Message, StringComparison.Ordinal);
    }
}
