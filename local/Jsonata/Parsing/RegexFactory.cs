using System.Text.RegularExpressions;

namespace Jsonata.Parsing;

/// <summary>
/// Turns a JSONata (JavaScript-syntax) regex literal into a .NET regex. The common syntax is shared; the
/// differences that matter are handled here: JavaScript's '$' never matches before a final newline.
/// </summary>
internal static class RegexFactory
{
    public static Regex Create(string pattern, string flags, int position)
    {
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i')) options |= RegexOptions.IgnoreCase;
        if (flags.Contains('m')) options |= RegexOptions.Multiline;
        try
        {
            return new Regex(pattern, options, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException e)
        {
            throw new JsonataException("S0303", position, $"The regular expression is not valid: {e.Message}", pattern);
        }
    }
}
