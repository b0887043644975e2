using Lambdas.Runtime;

namespace Lambdas.Tests.Runtime;

public sealed class JsonHandlerTests
{
    [Theory]
    [InlineData("$.number", "number")]
    [InlineData("$.number[0]", "number")]
    [InlineData("$.min.x", "min")]
    [InlineData("$['odd name']", "odd name")]
    [InlineData("$", null)]
    [InlineData(null, null)]
    [InlineData("$[0]", null)]
    public void Finds_the_top_level_field_of_a_json_path(string? path, string? field) =>
        Assert.Equal(field, JsonHandler<object, object>.TopLevelField(path));
}
