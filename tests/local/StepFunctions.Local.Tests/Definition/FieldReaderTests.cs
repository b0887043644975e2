using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Tests.Definition;

/// <summary>The parser picks one form per setting: the *Path twin, a JSONata template, or a checked literal.</summary>
public sealed class FieldReaderTests
{
    private readonly List<Diagnostic> diagnostics = [];

    [Fact]
    public void A_jsonata_expression_is_a_query_and_a_plain_number_a_literal()
    {
        Assert.IsType<QuerySetting<long>>(Read("""{"Seconds":"{% 3 %}"}""", SettingKinds.Seconds, QueryLanguage.Jsonata));
        Assert.Equal(3, Assert.IsType<LiteralSetting<long>>(Read("""{"Seconds":3}""", SettingKinds.Seconds, QueryLanguage.Jsonata)).Value);
    }

    [Fact]
    public void The_path_twin_gives_a_path_setting() =>
        Assert.IsType<PathSetting<long>>(Read("""{"SecondsPath":"$.s"}""", SettingKinds.Seconds, QueryLanguage.JsonPath));

    [Fact]
    public void Kinds_decide_which_jsonata_values_are_templates()
    {
        Assert.IsType<QuerySetting<double>>(Read("""{"ToleratedFailurePercentage":"ten"}""", SettingKinds.ToleratedFailurePercentage, QueryLanguage.Jsonata));
        Assert.IsType<QuerySetting<string>>(Read("""{"Error":5}""", SettingKinds.Error, QueryLanguage.Jsonata));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_bad_literal_is_a_diagnostic_at_the_field()
    {
        Assert.Null(Read("""{"Error":5}""", SettingKinds.Error, QueryLanguage.JsonPath));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("/States/S/Error", "Field 'Error' must be a string, but is number."), (diagnostic.Location, diagnostic.Message));
    }

    [Fact]
    public void Nothing_written_is_no_setting() =>
        Assert.Null(Read("{}", SettingKinds.TimeoutSeconds, QueryLanguage.JsonPath));

    private Setting<T>? Read<T>(string state, SettingKind<T> kind, QueryLanguage language) =>
        new FieldReader(diagnostics).SettingField(Json.Parse(state)!.AsObject(), kind, "/States/S", language);
}
