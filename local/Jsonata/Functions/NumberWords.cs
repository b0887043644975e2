namespace Jsonata.Functions;

/// <summary>Numbers as English words ("one hundred and twenty-three", ordinals "twenty-first") and back.</summary>
internal static class NumberWords
{
    private static readonly string[] Few =
    [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen",
        "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ];

    private static readonly string[] Ordinals =
    [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh",
        "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
    ];

    private static readonly string[] Decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"];

    private static readonly string[] Magnitudes = ["Thousand", "Million", "Billion", "Trillion"];

    public static string ToWords(double value, bool ordinal) => Lookup(value, false, ordinal);

    private static string Lookup(double num, bool prev, bool ord)
    {
        string words;
        if (num <= 19)
        {
            words = (prev ? " and " : "") + (ord ? Ordinals[(int)num] : Few[(int)num]);
        }
        else if (num < 100)
        {
            var tens = (int)Math.Floor(num / 10);
            var remainder = num % 10;
            words = (prev ? " and " : "") + Decades[tens - 2];
            if (remainder > 0) words += "-" + Lookup(remainder, false, ord);
            else if (ord) words = words[..^1] + "ieth";
        }
        else if (num < 1000)
        {
            var hundreds = (int)Math.Floor(num / 100);
            var remainder = num % 100;
            words = (prev ? ", " : "") + Few[hundreds] + " Hundred";
            if (remainder > 0) words += Lookup(remainder, true, ord);
            else if (ord) words += "th";
        }
        else
        {
            var mag = (int)Math.Floor(Math.Log10(num) / 3);
            if (mag > Magnitudes.Length) mag = Magnitudes.Length;
            var factor = Math.Pow(10, mag * 3);
            var mant = Math.Floor(num / factor);
            var remainder = num - mant * factor;
            words = (prev ? ", " : "") + Lookup(mant, false, false) + " " + Magnitudes[mag - 1];
            if (remainder > 0) words += Lookup(remainder, true, ord);
            else if (ord) words += "th";
        }
        return words;
    }

    private static readonly Dictionary<string, double> WordValues = BuildWordValues();

    private static Dictionary<string, double> BuildWordValues()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Few.Length; i++) values[Few[i].ToLowerInvariant()] = i;
        for (var i = 0; i < Ordinals.Length; i++) values[Ordinals[i].ToLowerInvariant()] = i;
        for (var i = 0; i < Decades.Length; i++)
        {
            var word = Decades[i].ToLowerInvariant();
            values[word] = (i + 2) * 10;
            values[word[..^1] + "ieth"] = values[word];
        }
        values["hundredth"] = 100;
        for (var i = 0; i < Magnitudes.Length; i++)
        {
            var word = Magnitudes[i].ToLowerInvariant();
            var value = Math.Pow(10, (i + 1) * 3);
            values[word] = value;
            values[word + "th"] = value;
        }
        return values;
    }

    public static double FromWords(string text)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(text, @",\s|\sand\s|[\s\\-]");
        var segments = new List<double> { 0 };
        foreach (var part in parts)
        {
            if (!WordValues.TryGetValue(part, out var value)) return double.NaN;
            if (value < 100)
            {
                var top = segments[^1];
                segments.RemoveAt(segments.Count - 1);
                if (top >= 1000)
                {
                    segments.Add(top);
                    top = 0;
                }
                segments.Add(top + value);
            }
            else
            {
                var top = segments[^1];
                segments.RemoveAt(segments.Count - 1);
                segments.Add(top * value);
            }
        }
        return segments.Sum();
    }
}
