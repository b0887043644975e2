namespace Build.Packaging.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();

    public void Dispose() => temp.Dispose();

    private int Run(params string[] args) => Cli.Run(args, output, errors);

    [Fact]
    public void Package_then_guard_succeeds_on_a_good_function()
    {
        temp.Write("publish/even/bootstrap", ElfFixture.NeedingLibc("GLIBC_2.2.5"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(0, Run("package", "--publish-root", temp.Combine("publish"), "--output", temp.Combine("lambdas"), "even"));
        Assert.Equal(0, Run("guard", "--manifest", temp.Combine("lambdas", "manifest.json"), "--publish-root", temp.Combine("publish")));
        Assert.Contains("even.zip", output.ToString());
        Assert.Equal("", errors.ToString());
    }

    [Fact]
    public void Guard_exits_1_and_prints_each_problem_on_stderr()
    {
        temp.Write("publish/odd/bootstrap", ElfFixture.NeedingLibc("GLIBC_2.38"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Run("package", "--publish-root", temp.Combine("publish"), "--output", temp.Combine("lambdas"), "odd");

        Assert.Equal(1, Run("guard", "--manifest", temp.Combine("lambdas", "manifest.json"), "--max-glibc", "2.34"));
        Assert.StartsWith("guard: ", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("needs GLIBC_2.38", errors.ToString());
    }

    [Fact]
    public void Unknown_commands_show_the_usage_and_exit_2()
    {
        Assert.Equal(2, Run("zip"));
        Assert.Contains("usage: Packaging package", errors.ToString());
    }

    [Fact]
    public void A_missing_option_is_named()
    {
        var error = Assert.Throws<PackagingException>(() => Run("guard"));

        Assert.StartsWith("missing --manifest.", error.Message, StringComparison.Ordinal);
    }
}
