using System.Text.Json.Nodes;
using System.Text.Json;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Local.Integrations.Sns;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Templates;

namespace StepFunctions.Local.Cli;

/// <summary><c>sfn-local run</c>: one JSON object on stdout; exit 0 when the execution ran (whatever its
/// status), 2 for an invalid definition, 1 for anything else (bad files or arguments).</summary>
internal static class RunCommand
{
    public const int Ran = 0;
    public const int Failed = 1;
    public const int InvalidDefinition = 2;

    public static async Task<int> ExecuteAsync(RunOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(options, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (UserError e)
        {
            await stderr.WriteLineAsync($"sfn-local: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static async Task<int> RunAsync(RunOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (options.TimeScale < 0 || double.IsNaN(options.TimeScale))
        {
            throw new UserError($"--time-scale must be 0 or more (0 = instant waits, 1 = real time), not {options.TimeScale}.");
        }
        if ((options.MockConfig is null) != (options.TestCase is null))
        {
            throw new UserError("--mock-config and --test-case go together: give both or neither.");
        }
        var text = ReadFile(options.Definition, "--definition");
        if (options.Variables.Count > 0)
        {
            try
            {
                text = TemplateRenderer.Render(text, options.Variables);
            }
            catch (FormatException e)
            {
                throw new UserError($"{options.Definition.FullName}: {e.Message}");
            }
        }
        var parsed = LocalStateMachine.Validate(text);
        foreach (var diagnostic in parsed.Diagnostics)
        {
            await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }
        if (!parsed.IsValid)
        {
            var list = new JsonArray();
            foreach (var d in parsed.Diagnostics)
            {
                var item = new JsonObject { ["severity"] = d.Severity.ToString().ToUpperInvariant(), ["code"] = d.Code, ["message"] = d.Message, ["location"] = d.Location };
                if (d.Position is { } position)
                {
                    item["position"] = position;
                }
                list.Add(item);
            }
            await stdout.WriteLineAsync(Json.Serialize(new JsonObject { ["status"] = "INVALID_DEFINITION", ["diagnostics"] = list })).ConfigureAwait(false);
            return InvalidDefinition;
        }
        JsonNode? input = new JsonObject();
        if (options.Input is not null)
        {
            try
            {
                input = Json.Parse(ReadFile(options.Input, "--input"));
            }
            catch (JsonException e)
            {
                throw new UserError($"--input {options.Input.FullName} is not valid JSON: {e.Message}");
            }
        }
        var name = options.StateMachineName ?? Path.GetFileNameWithoutExtension(options.Definition.Name).Replace(".asl", "", StringComparison.Ordinal);
        var resolver = new ResolverBuilder()
            .WithSnsOutbox(options.SnsOutbox is null ? new InMemorySnsOutbox() : new FileSnsOutbox(options.SnsOutbox.FullName))
            .WithEcsRunner(new SimulatedEcsTaskRunner(options.EcsExitCode));
        if (options.MockConfig is not null)
        {
            try
            {
                var mock = MockConfig.Load(options.MockConfig.FullName);
                resolver.WithMockConfig(mock, options.TestCase!, options.StateMachineName);
            }
            catch (MockConfigException e)
            {
                throw new UserError($"--mock-config {options.MockConfig.FullName}: {e.Message}");
            }
        }
        var machine = LocalStateMachine.Create(text, name);
        var result = await machine.ExecuteAsync(input, new ExecutionOptions
        {
            Resolver = resolver.Build(),
            TimeScale = options.TimeScale,
            RecordHistory = options.History is not null,
        }, cancellationToken).ConfigureAwait(false);
        if (options.History is not null)
        {
            try
            {
                await File.WriteAllTextAsync(options.History.FullName, Json.SerializeIndented(result.HistoryToJson()), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"--history {options.History.FullName} could not be written: {e.Message}");
            }
        }
        var summary = new JsonObject
        {
            ["status"] = result.StatusText,
            ["output"] = result.Output?.DeepClone(),
            ["error"] = result.Error,
            ["cause"] = result.Cause,
        };
        await stdout.WriteLineAsync(Json.Serialize(summary)).ConfigureAwait(false);
        return Ran;
    }

    private static string ReadFile(FileInfo file, string option)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {file.FullName} could not be read: {e.Message}");
        }
    }

    private sealed class UserError(string message) : Exception(message);
}
