using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Tests;

/// <summary>What the unit tests of one state's pieces (settings, I/O strategies) need: a state's context and
/// compiled templates, failing the test on any compile problem.</summary>
internal static class States
{
    public const string CausePrefix = "An error occurred while executing the state 'S' (entered at the event id #2). ";

    public static StateContext Context(VariableScope? variables = null) => new()
    {
        Execution = new ExecutionInfo
        {
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:M:e", Name = "e", RoleArn = "arn:aws:iam::123456789012:role/r",
            Input = null, StartTime = DateTimeOffset.UnixEpoch, StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:M", StateMachineName = "M",
        },
        StateName = "S", EnteredTime = DateTimeOffset.UnixEpoch, EnteredEventId = 2, Variables = variables,
    };

    public static QueryTemplate Query(string json, string field, bool inCatch = false) =>
        QueryTemplate.Compile(Json.Parse(json), field, problem => Assert.Fail(problem.Message), inCatch);

    public static PayloadTemplate Payload(string json) =>
        PayloadTemplate.Compile(Json.Parse(json), "", (location, message) => Assert.Fail($"{location}: {message}"));

    public static JsonNode? Node(string json) => Json.Parse(json);
}
