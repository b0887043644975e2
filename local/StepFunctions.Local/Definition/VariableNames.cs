using System.Globalization;
using System.Text;

namespace StepFunctions.Local.Definition;

/// <summary>The names an Assign may bind.</summary>
public static class VariableNames
{
    /// <summary>AWS's variable names: Unicode identifiers (UAX #31: an ID_Start character, then ID_Continue ones),
    /// at most 80 characters, and not the reserved <c>states</c>. Null when <paramref name="name"/> is valid,
    /// otherwise what is wrong (our wording).</summary>
    public static string? Problem(string name)
    {
        if (name == "states")
        {
            return "The variable name 'states' is reserved for $states; choose another name.";
        }
        var runes = name.EnumerateRunes().ToList();
        if (runes.Count is 0 or > 80)
        {
            return $"The variable name '{name}' must be 1 to 80 characters long, but has {runes.Count}.";
        }
        if (!IsIdStart(runes[0]) || !runes.Skip(1).All(IsIdContinue))
        {
            return $"The variable name '{name}' is invalid: it must start with a letter and continue with letters, digits or underscores (Unicode identifier rules).";
        }
        return null;
    }

    private static bool IsIdStart(Rune c) => Rune.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdContinue(Rune c) => IsIdStart(c) || Rune.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
}
