using System.Text.Json.Nodes;
using StepFunctions.Service.Triggers;

namespace StepFunctions.Service.Tests.Triggers;

public sealed class EventPatternTests
{
    private static JsonObject Event(string source, string detailType, string detail = "{}") => new()
    {
        ["source"] = source,
        ["detail-type"] = detailType,
        ["detail"] = JsonNode.Parse(detail),
    };

    [Fact]
    public void Every_field_of_the_pattern_must_match_exactly()
    {
        var pattern = EventPattern.Parse("""{"source": ["serverless-workflows.orchestrator"], "detail-type": ["Run Requested"]}""");

        Assert.True(pattern.Matches(Event("serverless-workflows.orchestrator", "Run Requested")));
        Assert.False(pattern.Matches(Event("serverless-workflows.orchestrator", "Run requested")));
        Assert.False(pattern.Matches(Event("serverless-workflows.other", "Run Requested")));
        Assert.False(pattern.Matches(new JsonObject { ["source"] = "serverless-workflows.orchestrator" }));
    }

    [Fact]
    public void The_values_of_an_array_are_alternatives()
    {
        var pattern = EventPattern.Parse("""{"source": ["a.one", "a.two"]}""");

        Assert.True(pattern.Matches(Event("a.one", "x")));
        Assert.True(pattern.Matches(Event("a.two", "x")));
        Assert.False(pattern.Matches(Event("a.three", "x")));
    }

    [Fact]
    public void A_prefix_filter_matches_strings_that_start_with_it()
    {
        var pattern = EventPattern.Parse("""{"source": [{"prefix": "com.example."}]}""");

        Assert.True(pattern.Matches(Event("com.example.release", "x")));
        Assert.False(pattern.Matches(Event("org.example.release", "x")));
    }

    [Fact]
    public void Nested_fields_match_inside_the_detail_and_an_event_array_matches_when_one_value_does()
    {
        var pattern = EventPattern.Parse("""{"detail": {"env": ["prod"], "retries": [3], "tags": ["nightly"]}}""");

        Assert.True(pattern.Matches(Event("s", "d", """{"env": "prod", "retries": 3.0, "tags": ["weekly", "nightly"]}""")));
        Assert.False(pattern.Matches(Event("s", "d", """{"env": "prod", "retries": 3, "tags": ["weekly"]}""")));
        Assert.False(pattern.Matches(Event("s", "d", """{"env": "dev", "retries": 3, "tags": ["nightly"]}""")));
        Assert.False(pattern.Matches(Event("s", "d", """{"env": "prod", "retries": "3", "tags": ["nightly"]}""")));
    }

    [Fact]
    public void Exists_and_anything_but_filters()
    {
        var pattern = EventPattern.Parse("""{"detail": {"run_id": [{"exists": true}], "env": [{"anything-but": ["dev", "test"]}]}}""");

        Assert.True(pattern.Matches(Event("s", "d", """{"run_id": "r1", "env": "prod"}""")));
        Assert.False(pattern.Matches(Event("s", "d", """{"env": "prod"}""")));
        Assert.False(pattern.Matches(Event("s", "d", """{"run_id": "r1", "env": "dev"}""")));
        Assert.True(EventPattern.Parse("""{"detail": {"debug": [{"exists": false}]}}""").Matches(Event("s", "d", """{"run_id": "r1"}""")));
    }

    [Theory]
    [InlineData("""{"source": "one"}""", "must be an array")]
    [InlineData("""{"source": [{"suffix": ".x"}]}""", "exact values, prefix, exists and anything-but")]
    [InlineData("""["source"]""", "JSON object")]
    [InlineData("""{"source": [""", "not valid JSON")]
    public void A_pattern_EventBridge_would_refuse_is_named(string json, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => EventPattern.Parse(json));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
