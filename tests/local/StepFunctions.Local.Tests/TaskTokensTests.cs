using System.Security.Cryptography;
using System.Text;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary>Task tokens cannot be computed from what a caller knows (the execution ARN) and survive restarts of one database.</summary>
public sealed class TaskTokensTests : IDisposable
{
    private const string Execution = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private readonly string folder = Directory.CreateTempSubdirectory("task-tokens-").FullName;

    [Fact]
    public void A_token_is_not_the_hash_of_what_a_caller_knows()
    {
        var tokens = new TaskTokens();
        var unkeyed = "AQ" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{Execution}|2|0"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var token = tokens.TokenFor(Execution, 2, 0);
        using var waiter = tokens.Register(token);

        Assert.NotEqual(unkeyed, token);
        Assert.Equal(TaskTokenAnswer.Unknown, tokens.Succeed(unkeyed, null));
        Assert.NotEqual(token, new TaskTokens().TokenFor(Execution, 2, 0));
        Assert.NotEqual(token, tokens.TokenFor(Execution, 2, 1));
    }

    [Fact]
    public void The_same_key_file_gives_the_same_tokens_after_a_restart()
    {
        var keyFile = Path.Combine(folder, "sfn.db.task-token-key");

        var before = TaskTokens.ForKeyFile(keyFile).TokenFor(Execution, 5, 1);
        var after = TaskTokens.ForKeyFile(keyFile).TokenFor(Execution, 5, 1);

        Assert.Equal(before, after);
        Assert.Equal(32, File.ReadAllBytes(keyFile).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.NotEqual(before, TaskTokens.ForKeyFile(Path.Combine(folder, "other.task-token-key")).TokenFor(Execution, 5, 1));
    }

    [Fact]
    public void A_truncated_key_file_is_named_with_the_fix()
    {
        var keyFile = Path.Combine(folder, "short.task-token-key");
        File.WriteAllBytes(keyFile, [1, 2, 3]);

        var error = Assert.Throws<IOException>(() => TaskTokens.ForKeyFile(keyFile));

        Assert.Contains("delete it to have a new one made", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
