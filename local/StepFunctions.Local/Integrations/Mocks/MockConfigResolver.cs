using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.Mocks;

/// <summary>Answers the Task states a test case mocks; other states fall through (return null) to the next
/// resolver. Invocations are counted per execution and state, retries included, as Step Functions Local does.</summary>
public sealed class MockConfigResolver : IResourceResolver
{
    private readonly MockConfig config;
    private readonly Dictionary<string, string> states;
    private readonly ConcurrentDictionary<(string Execution, string State), int> counters = new();

    public MockConfigResolver(MockConfig config, string testCase, string? stateMachineName = null)
    {
        this.config = config;
        var machine = config.FindStateMachine(testCase, stateMachineName);
        states = config.StateMachines[machine][testCase];
        TestCase = testCase;
        StateMachineName = machine;
    }

    public string TestCase { get; }
    public string StateMachineName { get; }

    public ITaskIntegration? Resolve(TaskResolveRequest request)
    {
        if (!states.TryGetValue(request.StateName, out var responseName))
        {
            return null;
        }
        var invocation = counters.AddOrUpdate((request.ExecutionArn, request.StateName), 0, (_, n) => n + 1);
        var entry = config.MockedResponses[responseName].FirstOrDefault(e => invocation >= e.From && invocation <= e.To);
        return new MockedIntegration(responseName, invocation, entry);
    }

    private sealed class MockedIntegration(string responseName, int invocation, MockedResponseEntry? entry) : ITaskIntegration
    {
        public ValueTask<JsonNode?> InvokeAsync(TaskInvocation taskInvocation, CancellationToken cancellationToken)
        {
            if (entry is null)
            {
                throw StatesException.Runtime(
                    $"The mocked response '{responseName}' has no entry for invocation {invocation} of state '{taskInvocation.StateName}'. Every attempt, retries included, must be covered (keys such as \"0\" or \"1-2\").");
            }
            if (entry.Throws)
            {
                throw new StatesException(entry.ThrowError!, entry.ThrowCause);
            }
            return ValueTask.FromResult(entry.Return?.DeepClone());
        }
    }
}
