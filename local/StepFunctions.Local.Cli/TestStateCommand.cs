using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Sns;
using StepFunctions.Local.Testing;

namespace StepFunctions.Local.Cli;

/// <summary><c>sfn-local test-state</c>: TestState without a server, on the same code the service's API runs
/// (<see cref="TestStateRunner"/>). Prints AWS's TestState response as one JSON line; exit 0 when the state ran
/// (whatever its status), 2 for bad input, with one line on stderr naming the problem and the fix.</summary>
internal static class TestStateCommand
{
    public const int Ran = 0;
    public const int BadInput = 2;

    private const string FilePrefix = "file://";

    public static async Task<int> ExecuteAsync(TestStateArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var result = await TestStateRunner.RunAsync(Members(arguments), configure =>
            {
                // An unmocked Task runs on what `sfn-local run` has: simulated SNS and ECS, no Lambda functions.
                var builder = new ResolverBuilder().WithSnsOutbox(new InMemorySnsOutbox()).WithEcsRunner(new SimulatedEcsTaskRunner(0));
                configure?.Invoke(builder);
                return builder.Build();
            }, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(Json.Serialize(result.ToJson())).ConfigureAwait(false);
            return Ran;
        }
        catch (TestStateException e)
        {
            await stderr.WriteLineAsync(Line(Option(e.Member), e.Message, e.Fix)).ConfigureAwait(false);
            return BadInput;
        }
        catch (BadArgument e)
        {
            await stderr.WriteLineAsync(Line(e.Option, e.Message, e.Fix)).ConfigureAwait(false);
            return BadInput;
        }
    }

    /// <param name="option">The option at fault, or null when the problem names it.</param>
    public static string Line(string? option, string problem, string? fix) =>
        $"sfn-local test-state: {(option is null ? "" : option + ": ")}{problem.TrimEnd('.')}." + (fix is null ? "" : $" Fix: {fix}.");

    /// <summary>The option that sets an API member: <c>stateConfiguration.retrierRetryCount</c> → <c>--state-configuration</c>.</summary>
    private static string Option(string member)
    {
        var name = new StringBuilder("--");
        foreach (var c in member.Split('.')[0])
        {
            name.Append(char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString());
        }
        return name.ToString();
    }

    private static TestStateMembers Members(TestStateArguments arguments)
    {
        var definition = arguments.Definition.TrimStart().StartsWith('{')
            ? arguments.Definition
            : ReadFile("--definition", arguments.Definition.StartsWith(FilePrefix, StringComparison.Ordinal) ? arguments.Definition[FilePrefix.Length..] : arguments.Definition);
        var level = arguments.InspectionLevel is { } levelText
            ? TestStateMembers.ParseLevel(levelText.ToUpperInvariant()) ?? throw new BadArgument("--inspection-level", $"'{levelText}' is not an inspection level", $"give one of {TestStateMembers.Levels}")
            : InspectionLevel.Info;
        return new TestStateMembers
        {
            Definition = definition,
            StateName = arguments.StateName,
            Input = Text("--input", arguments.Input),
            Level = level,
            RoleArn = arguments.RoleArn,
            Variables = Text("--variables", arguments.Variables),
            Context = Text("--context", arguments.Context),
            RevealSecrets = arguments.RevealSecrets,
            Mock = Text("--mock", arguments.Mock) is { } mock ? Mock(mock) : null,
            Configuration = Text("--state-configuration", arguments.StateConfiguration) is { } configuration ? Configuration(configuration) : null,
        };
    }

    /// <summary>A JSON member's text: inline, or read from <c>file://PATH</c>.</summary>
    private static string? Text(string option, string? value) =>
        value is not null && value.StartsWith(FilePrefix, StringComparison.Ordinal) ? ReadFile(option, value[FilePrefix.Length..]) : value;

    private static string ReadFile(string option, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadArgument(option, $"{Path.GetFullPath(path)} could not be read ({e.Message.TrimEnd('.')})", "give inline JSON, or the path of a readable file");
        }
    }

    private static JsonObject Object(string option, string text, string example)
    {
        try
        {
            return Json.Parse(text) as JsonObject ?? throw new BadArgument(option, "not a JSON object", $"give an object, e.g. {example}");
        }
        catch (JsonException e)
        {
            throw new BadArgument(option, $"not valid JSON ({e.Message})", $"give an object, e.g. {example}");
        }
    }

    private const string MockExample = """'{"result": "{\"StatusCode\": 200}"}' or '{"errorOutput": {"error": "States.TaskFailed", "cause": "..."}}'""";

    /// <summary>The API's <c>mock</c>: <c>result</c> is JSON text as the API carries it; any other JSON value there
    /// is taken as the result itself (no escaping in a shell).</summary>
    private static TestStateMockMembers Mock(string text)
    {
        var mock = Object("--mock", text, MockExample);
        var modeText = StringMember(mock, "fieldValidationMode", "--mock", MockExample);
        var mode = modeText is null ? FieldValidationMode.Strict : TestStateMembers.ParseMode(modeText)
            ?? throw new BadArgument("--mock", $"fieldValidationMode '{modeText}' is not a validation mode", $"give one of {TestStateMembers.Modes}");
        var result = JsonText(mock["result"]);
        var errorOutput = mock["errorOutput"] switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw new BadArgument("--mock", "errorOutput is not an object", $"give {MockExample}"),
        };
        return new TestStateMockMembers(result, errorOutput is not null,
            errorOutput is null ? null : StringMember(errorOutput, "error", "--mock", MockExample),
            errorOutput is null ? null : StringMember(errorOutput, "cause", "--mock", MockExample), mode);
    }

    private const string ConfigurationExample = """retrierRetryCount=1 or '{"errorCausedByState": "Item", "mapIterationFailureCount": 2}'""";

    /// <summary>The API's <c>stateConfiguration</c>, as JSON or in the AWS CLI's shorthand <c>name=value,name=value</c>.</summary>
    private static TestStateConfigurationMembers Configuration(string text)
    {
        JsonObject configuration;
        if (text.TrimStart().StartsWith('{'))
        {
            configuration = Object("--state-configuration", text, ConfigurationExample);
        }
        else
        {
            configuration = [];
            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new BadArgument("--state-configuration", $"'{pair}' is not name=value", $"give {ConfigurationExample}");
                }
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                configuration[name] = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : value;
            }
        }
        string[] known = ["retrierRetryCount", "errorCausedByState", "mapIterationFailureCount", "mapItemReaderData"];
        if (configuration.Select(m => m.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new BadArgument("--state-configuration", $"'{unknown}' is not a state configuration field", $"give {string.Join(", ", known)}");
        }
        var itemReaderData = JsonText(configuration["mapItemReaderData"]);
        return new(Count(configuration, "retrierRetryCount"), StringMember(configuration, "errorCausedByState", "--state-configuration", ConfigurationExample),
            Count(configuration, "mapIterationFailureCount"), itemReaderData);
    }

    /// <summary>A member the API carries as JSON text: a string as it is, any other JSON value as its text, so a
    /// shell need not escape it.</summary>
    private static string? JsonText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    private static int? Count(JsonObject obj, string member) => obj[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= 0 => n,
        var other => throw new BadArgument("--state-configuration", $"{member} {other.ToJsonString()} is not a count", $"give a whole number of 0 or more, e.g. {member}=1"),
    };

    private static string? StringMember(JsonObject obj, string member, string option, string example) => obj[member] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new BadArgument(option, $"{member} {other.ToJsonString()} is not a string", $"give {example}"),
    };

    /// <summary>An argument the CLI cannot read, before TestState sees the request.</summary>
    private sealed class BadArgument(string option, string problem, string fix) : Exception(problem)
    {
        public string Option { get; } = option;
        public string Fix { get; } = fix;
    }
}
