using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.Mocks;

/// <summary>A problem in a MockConfigFile, with the JSON location and what to change.</summary>
public sealed class MockConfigException(string message) : Exception(message);

/// <summary>One mocked response: either a result to return or an error to throw, for invocations
/// <see cref="From"/>..<see cref="To"/> (zero-based, inclusive).</summary>
public sealed record MockedResponseEntry(int From, int To, JsonNode? Return, string? ThrowError, string? ThrowCause)
{
    public bool Throws => ThrowError is not null;
}

/// <summary>Step Functions Local's MockConfigFile: test cases per state machine mapping Task state names to
/// named mocked responses, whose keys are invocation numbers ("0") or ranges ("1-2").</summary>
public sealed class MockConfig
{
    private MockConfig(Dictionary<string, Dictionary<string, Dictionary<string, string>>> machines, Dictionary<string, List<MockedResponseEntry>> responses)
    {
        StateMachines = machines;
        MockedResponses = responses;
    }

    /// <summary>State machine → test case → state name → mocked response name.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, string>>> StateMachines { get; }

    public IReadOnlyDictionary<string, List<MockedResponseEntry>> MockedResponses { get; }

    public static MockConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new MockConfigException($"The mock config file '{path}' does not exist.");
        }
        return Parse(File.ReadAllText(path));
    }

    public static MockConfig Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = Json.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MockConfigException($"The mock config is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj || obj["StateMachines"] is not JsonObject machinesObj || obj["MockedResponses"] is not JsonObject responsesObj)
        {
            throw new MockConfigException("The mock config needs two objects: \"StateMachines\" and \"MockedResponses\".");
        }
        var responses = new Dictionary<string, List<MockedResponseEntry>>(StringComparer.Ordinal);
        foreach (var (name, node) in responsesObj)
        {
            if (node is not JsonObject entries)
            {
                throw new MockConfigException($"/MockedResponses/{name} must be an object keyed by invocation numbers such as \"0\" or \"1-2\".");
            }
            responses[name] = [.. entries.Select(e => ParseEntry($"/MockedResponses/{name}/{e.Key}", e.Key, e.Value))];
        }
        var machines = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var (machine, node) in machinesObj)
        {
            if (node is not JsonObject machineObj || machineObj["TestCases"] is not JsonObject cases)
            {
                throw new MockConfigException($"/StateMachines/{machine} needs a \"TestCases\" object.");
            }
            var testCases = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var (testCase, caseNode) in cases)
            {
                if (caseNode is not JsonObject mapping)
                {
                    throw new MockConfigException($"/StateMachines/{machine}/TestCases/{testCase} must map state names to mocked response names.");
                }
                var states = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (state, responseNode) in mapping)
                {
                    if (!Json.IsString(responseNode, out var responseName) || !responses.ContainsKey(responseName))
                    {
                        throw new MockConfigException($"/StateMachines/{machine}/TestCases/{testCase}/{state} must name an entry of MockedResponses.");
                    }
                    states[state] = responseName;
                }
                testCases[testCase] = states;
            }
            machines[machine] = testCases;
        }
        return new MockConfig(machines, responses);
    }

    private static MockedResponseEntry ParseEntry(string location, string key, JsonNode? node)
    {
        var bounds = key.Split('-');
        if (bounds.Length is < 1 or > 2 || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
        {
            throw new MockConfigException($"{location}: the key must be an invocation number such as \"0\" or an inclusive range such as \"1-2\".");
        }
        if (node is not JsonObject entry || entry.ContainsKey("Return") == entry.ContainsKey("Throw"))
        {
            throw new MockConfigException($"{location} must have exactly one of \"Return\" or \"Throw\".");
        }
        if (entry["Throw"] is { } throwNode)
        {
            if (throwNode is not JsonObject t || !Json.IsString(t["Error"], out var error))
            {
                throw new MockConfigException($"{location}/Throw needs a string \"Error\" (and optionally \"Cause\").");
            }
            return new MockedResponseEntry(from, to, null, error, Json.IsString(t["Cause"], out var cause) ? cause : null);
        }
        return new MockedResponseEntry(from, to, entry["Return"]?.DeepClone(), null, null);
    }

    /// <summary>The state machine holding <paramref name="testCase"/> when the caller did not name one.</summary>
    public string FindStateMachine(string testCase, string? stateMachineName)
    {
        if (stateMachineName is not null)
        {
            if (!StateMachines.TryGetValue(stateMachineName, out var cases) || !cases.ContainsKey(testCase))
            {
                throw new MockConfigException($"The mock config has no test case '{testCase}' for state machine '{stateMachineName}'.");
            }
            return stateMachineName;
        }
        var owners = StateMachines.Where(m => m.Value.ContainsKey(testCase)).Select(m => m.Key).ToList();
        return owners.Count switch
        {
            1 => owners[0],
            0 => throw new MockConfigException($"The mock config has no test case named '{testCase}'. Known: {string.Join(", ", StateMachines.SelectMany(m => m.Value.Keys).Distinct())}."),
            _ => throw new MockConfigException($"Test case '{testCase}' exists for several state machines ({string.Join(", ", owners)}); name one."),
        };
    }
}
