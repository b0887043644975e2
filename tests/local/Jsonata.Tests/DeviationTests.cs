namespace Jsonata.Tests;

/// <summary>The documented deviations from the reference (local/Jsonata/README.md), pinned so they stay deliberate.</summary>
public class DeviationTests
{
    [Theory]
    [InlineData("a.%")]
    [InlineData("Account.Order.Product[Price = $max(%.Product.Price)]")]
    public void The_parent_operator_is_a_parse_error_naming_it(string expression)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expression));
        Assert.Equal("S0217", e.Code);
        Assert.Contains("parent operator", e.Message);
    }
}
