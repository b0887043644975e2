using System.Globalization;

namespace StepFunctions.Local.Core;

/// <summary>The States Language's timestamps (Wait's Timestamp fields, the Choice Timestamp operators): RFC 3339,
/// where an uppercase T and a zone are mandatory.</summary>
public static class Timestamps
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[10] != 'T' || !(text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return false;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
