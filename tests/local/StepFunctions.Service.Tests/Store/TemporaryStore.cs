using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Tests.Store;

/// <summary>A store in a fresh folder of its own, opened in this process and deleted afterwards.</summary>
internal sealed class TemporaryStore : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sfn-store-").FullName;

    public TemporaryStore() => Store = SqliteStore.Open(DatabasePath);

    public string DatabasePath => Path.Combine(directory, "sfn.db");

    public SqliteStore Store { get; private set; }

    /// <summary>Closes the store and opens its file again, as a restart of the server does.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = SqliteStore.Open(DatabasePath);
    }

    /// <summary>A RUNNING execution's row, as StartExecution records it.</summary>
    public static ExecutionRecord Execution(string name, string definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""") => new()
    {
        Arn = $"arn:aws:states:us-east-1:123456789012:execution:machine:{name}",
        StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:machine",
        Name = name,
        Status = ExecutionStatus.Running,
        Input = """{"n":1}""",
        StartDate = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        Definition = definition,
        RoleArn = "arn:aws:iam::123456789012:role/test",
    };

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
