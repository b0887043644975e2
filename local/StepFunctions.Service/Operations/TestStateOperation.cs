using System.Text.Json.Nodes;
using StepFunctions.Local.Testing;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>TestState over the API: reads the request's members with the wire's checks (types, lengths, the
/// enumerations' values) and runs the state on StepFunctions.Local's <see cref="TestStateRunner"/> with the
/// service's integrations; its refusals become the API's errors in the protocol layer.</summary>
public static class TestStateOperation
{
    /// <summary>The largest JSON text a mocked result or item reader data may be (the state payload limit).</summary>
    private const int MaxPayload = 262_144;

    public static async Task<JsonObject> RunAsync(LocalService service, ApiRequest request)
    {
        var result = await TestStateRunner.RunAsync(Members(request),
            configure => service.Executions.Resolver(null, "TestState", configure)).ConfigureAwait(false);
        return result.ToJson();
    }

    private static TestStateMembers Members(ApiRequest request)
    {
        var definition = request.Bounded("definition", 1, StateMachineOperations.MaxDefinitionLength, required: true)!;
        var roleArn = request.Bounded("roleArn", 1, 256);
        var levelText = request.String("inspectionLevel") ?? "INFO";
        var level = TestStateMembers.ParseLevel(levelText)
            ?? throw ApiException.Validation("inspectionLevel", levelText, $"Member must satisfy enum value set: [{TestStateMembers.Levels}]");
        return new TestStateMembers
        {
            Definition = definition,
            RoleArn = roleArn,
            Level = level,
            StateName = request.Bounded("stateName", 1, 80),
            Input = request.String("input"),
            Variables = request.String("variables"),
            Context = request.String("context"),
            RevealSecrets = request.Bool("revealSecrets") ?? false,
            Mock = request.Object("mock") is { } mock ? Mock(new ApiRequest(mock)) : null,
            Configuration = request.Object("stateConfiguration") is { } configuration ? Configuration(new ApiRequest(configuration)) : null,
        };
    }

    private static TestStateMockMembers Mock(ApiRequest mock)
    {
        var modeText = mock.String("fieldValidationMode");
        var mode = modeText is null ? FieldValidationMode.Strict : TestStateMembers.ParseMode(modeText)
            ?? throw ApiException.Validation("mock.fieldValidationMode", modeText, $"Member must satisfy enum value set: [{TestStateMembers.Modes}]");
        var errorOutput = mock.Object("errorOutput") is { } body ? new ApiRequest(body) : null;
        return new TestStateMockMembers(mock.Bounded("result", 0, MaxPayload), errorOutput is not null,
            errorOutput?.String("error"), errorOutput?.String("cause"), mode);
    }

    private static TestStateConfigurationMembers Configuration(ApiRequest configuration) =>
        new(configuration.Int("retrierRetryCount", 0, int.MaxValue), configuration.Bounded("errorCausedByState", 1, 80),
            configuration.Int("mapIterationFailureCount", 0, int.MaxValue), configuration.Bounded("mapItemReaderData", 0, MaxPayload));
}
