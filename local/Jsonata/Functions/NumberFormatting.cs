using System.Globalization;
using System.Text;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>$formatNumber: XPath F&amp;O 3.1 decimal format pictures (sub-pictures, grouping, %, ‰, exponent).</summary>
internal static class NumberFormatting
{
    /// <summary>The reference's messages for an invalid sub-picture (Step Functions quotes them in its causes).</summary>
    private static readonly Dictionary<string, string> PictureErrors = new()
    {
        ["D3081"] = "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
        ["D3082"] = "The sub-picture must not contain more than one instance of the 'percent' character",
        ["D3083"] = "The sub-picture must not contain more than one instance of the 'per-mille' character",
        ["D3084"] = "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
        ["D3085"] = "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
        ["D3086"] = "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
        ["D3087"] = "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
        ["D3088"] = "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
        ["D3089"] = "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
        ["D3090"] = "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
        ["D3091"] = "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
        ["D3092"] = "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
        ["D3093"] = "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
    };

    private sealed record Parts(string Prefix, string Suffix, string ActivePart, string MantissaPart, string? ExponentPart,
        string IntegerPart, string FractionalPart, string Subpicture);

    private sealed class Variables
    {
        public List<int> IntegerPartGroupingPositions = [];
        public int RegularGrouping;
        public int MinimumIntegerPartSize;
        public int ScalingFactor;
        public string Prefix = "";
        public List<int> FractionalPartGroupingPositions = [];
        public int MinimumFractionalPartSize;
        public int MaximumFractionalPartSize;
        public int MinimumExponentSize;
        public string Suffix = "";
        public string Picture = "";
    }

    public static object? FormatNumber(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double value) return null;
        var picture = (string)a[1]!;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decimal-separator"] = ".", ["grouping-separator"] = ",", ["exponent-separator"] = "e", ["infinity"] = "Infinity",
            ["minus-sign"] = "-", ["NaN"] = "NaN", ["percent"] = "%", ["per-mille"] = "\u2030", ["zero-digit"] = "0",
            ["digit"] = "#", ["pattern-separator"] = ";",
        };
        if (Library.Arg(a, 2) is JObject options)
        {
            foreach (var (key, option) in options) properties[key] = option as string ?? Operators.ToJsonataString(option);
        }
        string P(string key) => properties[key];
        var zeroChar = P("zero-digit")[0];
        var family = Enumerable.Range(0, 10).Select(i => ((char)(zeroChar + i)).ToString()).ToList();
        var activeChars = new List<string>(family) { P("decimal-separator"), P("exponent-separator"), P("grouping-separator"), P("digit") };
        bool IsDigit(char c) => family.Contains(c.ToString());
        bool IsActive(char c) => activeChars.Contains(c.ToString());

        var subPictures = picture.Split(P("pattern-separator"));
        if (subPictures.Length > 2) throw new FunctionException("D3080", "The picture string must only contain a maximum of two sub-pictures");

        Parts Split(string sub)
        {
            string? prefix = null, suffix = null;
            for (var i = 0; i < sub.Length; i++)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != P("exponent-separator"))
                {
                    prefix = sub[..i];
                    break;
                }
            }
            for (var i = sub.Length - 1; i >= 0; i--)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != P("exponent-separator"))
                {
                    suffix = sub[(i + 1)..];
                    break;
                }
            }
            // A sub-picture without an active character: the reference crashes (a TypeError); AWS answers D3086
            // (`$formatNumber(1, "x")`, measured with TestState in us-east-1, floci issue #2737).
            if (prefix == null || suffix == null) throw new FunctionException("D3086", PictureErrors["D3086"]);
            var active = sub.Substring(prefix.Length, sub.Length - suffix.Length - prefix.Length);
            string mantissa;
            string? exponent;
            var exponentPosition = sub.IndexOf(P("exponent-separator"), prefix.Length, StringComparison.Ordinal);
            if (exponentPosition == -1 || exponentPosition > sub.Length - suffix.Length)
            {
                mantissa = active;
                exponent = null;
            }
            else
            {
                mantissa = active[..Math.Min(exponentPosition, active.Length)];
                exponent = exponentPosition + 1 <= active.Length ? active[(exponentPosition + 1)..] : "";
            }
            string integer, fractional;
            var decimalPosition = mantissa.IndexOf(P("decimal-separator"), StringComparison.Ordinal);
            if (decimalPosition == -1)
            {
                integer = mantissa;
                fractional = suffix;
            }
            else
            {
                integer = mantissa[..decimalPosition];
                fractional = mantissa[(decimalPosition + 1)..];
            }
            return new Parts(prefix, suffix, active, mantissa, exponent, integer, fractional, sub);
        }

        void Validate(Parts parts)
        {
            string? error = null;
            var sub = parts.Subpicture;
            var decimalPos = sub.IndexOf(P("decimal-separator"), StringComparison.Ordinal);
            if (decimalPos != sub.LastIndexOf(P("decimal-separator"), StringComparison.Ordinal)) error = "D3081";
            if (sub.IndexOf(P("percent"), StringComparison.Ordinal) != sub.LastIndexOf(P("percent"), StringComparison.Ordinal)) error = "D3082";
            if (sub.IndexOf(P("per-mille"), StringComparison.Ordinal) != sub.LastIndexOf(P("per-mille"), StringComparison.Ordinal)) error = "D3083";
            if (sub.Contains(P("percent"), StringComparison.Ordinal) && sub.Contains(P("per-mille"), StringComparison.Ordinal)) error = "D3084";
            if (!parts.MantissaPart.Any(c => IsDigit(c) || c.ToString() == P("digit"))) error = "D3085";
            if (parts.ActivePart.Any(c => !IsActive(c))) error = "D3086";
            if (decimalPos != -1)
            {
                if ((decimalPos > 0 && sub[decimalPos - 1].ToString() == P("grouping-separator"))
                    || (decimalPos + 1 < sub.Length && sub[decimalPos + 1].ToString() == P("grouping-separator"))) error = "D3087";
            }
            else if (parts.IntegerPart.Length > 0 && parts.IntegerPart[^1].ToString() == P("grouping-separator"))
            {
                error = "D3088";
            }
            if (sub.Contains(P("grouping-separator") + P("grouping-separator"), StringComparison.Ordinal)) error = "D3089";
            var optional = parts.IntegerPart.IndexOf(P("digit"), StringComparison.Ordinal);
            if (optional != -1 && parts.IntegerPart[..optional].Any(IsDigit)) error = "D3090";
            optional = parts.FractionalPart.LastIndexOf(P("digit"), StringComparison.Ordinal);
            if (optional != -1 && parts.FractionalPart[optional..].Any(IsDigit)) error = "D3091";
            var exponentExists = parts.ExponentPart != null;
            if (exponentExists && parts.ExponentPart!.Length > 0 && (sub.Contains(P("percent"), StringComparison.Ordinal) || sub.Contains(P("per-mille"), StringComparison.Ordinal))) error = "D3092";
            if (exponentExists && (parts.ExponentPart!.Length == 0 || parts.ExponentPart.Any(c => !IsDigit(c)))) error = "D3093";
            if (error != null) throw new FunctionException(error, PictureErrors[error]);
        }

        Variables Analyse(Parts parts)
        {
            List<int> GroupingPositions(string part, bool toLeft)
            {
                var positions = new List<int>();
                var at = part.IndexOf(P("grouping-separator"), StringComparison.Ordinal);
                while (at != -1)
                {
                    var chars = toLeft ? part[..at] : part[at..];
                    positions.Add(chars.Count(c => IsDigit(c) || c.ToString() == P("digit")));
                    at = at + 1 <= parts.IntegerPart.Length ? parts.IntegerPart.IndexOf(P("grouping-separator"), at + 1, StringComparison.Ordinal) : -1;
                }
                return positions;
            }
            static int Regular(List<int> indexes)
            {
                if (indexes.Count == 0) return 0;
                static int Gcd(int x, int y) => y == 0 ? x : Gcd(y, x % y);
                var factor = indexes.Aggregate(Gcd);
                for (var index = 1; index <= indexes.Count; index++)
                {
                    if (!indexes.Contains(index * factor)) return 0;
                }
                return factor;
            }
            var v = new Variables
            {
                IntegerPartGroupingPositions = GroupingPositions(parts.IntegerPart, false),
                FractionalPartGroupingPositions = GroupingPositions(parts.FractionalPart, true),
                Prefix = parts.Prefix,
                Suffix = parts.Suffix,
                Picture = parts.Subpicture,
            };
            v.RegularGrouping = Regular(v.IntegerPartGroupingPositions);
            v.MinimumIntegerPartSize = parts.IntegerPart.Count(IsDigit);
            v.ScalingFactor = v.MinimumIntegerPartSize;
            v.MinimumFractionalPartSize = parts.FractionalPart.Count(IsDigit);
            v.MaximumFractionalPartSize = parts.FractionalPart.Count(c => IsDigit(c) || c.ToString() == P("digit"));
            var exponentPresent = parts.ExponentPart != null;
            if (v.MinimumIntegerPartSize == 0 && v.MaximumFractionalPartSize == 0)
            {
                if (exponentPresent)
                {
                    v.MinimumFractionalPartSize = 1;
                    v.MaximumFractionalPartSize = 1;
                }
                else
                {
                    v.MinimumIntegerPartSize = 1;
                }
            }
            if (exponentPresent && v.MinimumIntegerPartSize == 0 && parts.IntegerPart.Contains(P("digit"), StringComparison.Ordinal)) v.MinimumIntegerPartSize = 1;
            if (v.MinimumIntegerPartSize == 0 && v.MinimumFractionalPartSize == 0) v.MinimumFractionalPartSize = 1;
            if (exponentPresent) v.MinimumExponentSize = parts.ExponentPart!.Count(IsDigit);
            return v;
        }

        var allParts = subPictures.Select(Split).ToList();
        allParts.ForEach(Validate);
        var variables = allParts.Select(Analyse).ToList();
        var minus = P("minus-sign");
        var zero = P("zero-digit");
        var decimalSeparator = P("decimal-separator");
        var groupingSeparator = P("grouping-separator");
        if (variables.Count == 1)
        {
            var copy = Analyse(allParts[0]);
            copy.Prefix = minus + copy.Prefix;
            variables.Add(copy);
        }
        var pic = value >= 0 ? variables[0] : variables[1];
        var adjusted = pic.Picture.Contains(P("percent"), StringComparison.Ordinal) ? value * 100
            : pic.Picture.Contains(P("per-mille"), StringComparison.Ordinal) ? value * 1000 : value;
        double mantissa;
        int? exponent = null;
        if (pic.MinimumExponentSize == 0)
        {
            mantissa = adjusted;
        }
        else
        {
            var maxMantissa = Math.Pow(10, pic.ScalingFactor);
            var minMantissa = Math.Pow(10, pic.ScalingFactor - 1);
            mantissa = adjusted;
            var e = 0;
            while (mantissa < minMantissa)
            {
                mantissa *= 10;
                e--;
                if (e < -400) break;
            }
            while (mantissa > maxMantissa)
            {
                mantissa /= 10;
                e++;
            }
            exponent = e;
        }
        var rounded = Numbers.RoundHalfEven(mantissa, pic.MaximumFractionalPartSize);
        string MakeString(double v, int dp)
        {
            var str = ToFixed(Math.Abs(v), dp);
            if (zero != "0")
            {
                var sb = new StringBuilder();
                foreach (var c in str) sb.Append(c is >= '0' and <= '9' ? family[c - '0'] : c.ToString());
                str = sb.ToString();
            }
            return str;
        }
        var text = MakeString(rounded, pic.MaximumFractionalPartSize);
        text = text.Contains('.') ? ReplaceFirst(text, ".", decimalSeparator) : text + decimalSeparator;
        while (text.StartsWith(zero, StringComparison.Ordinal)) text = text[zero.Length..];
        while (text.EndsWith(zero, StringComparison.Ordinal)) text = text[..^zero.Length];
        var decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var padLeft = pic.MinimumIntegerPartSize - decimalPos;
        var padRight = pic.MinimumFractionalPartSize - (text.Length - decimalPos - 1);
        text = (padLeft > 0 ? string.Concat(Enumerable.Repeat(zero, padLeft)) : "") + text;
        text += padRight > 0 ? string.Concat(Enumerable.Repeat(zero, padRight)) : "";
        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (pic.RegularGrouping > 0)
        {
            var groupCount = (decimalPos - 1) / pic.RegularGrouping;
            for (var group = 1; group <= groupCount; group++)
            {
                var at = decimalPos - group * pic.RegularGrouping;
                text = text[..at] + groupingSeparator + text[at..];
            }
        }
        else
        {
            foreach (var pos in pic.IntegerPartGroupingPositions)
            {
                var at = Math.Clamp(decimalPos - pos, 0, text.Length);
                text = text[..at] + groupingSeparator + text[at..];
                decimalPos++;
            }
        }
        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        foreach (var pos in pic.FractionalPartGroupingPositions)
        {
            var at = Math.Clamp(pos + decimalPos + 1, 0, text.Length);
            text = text[..at] + groupingSeparator + text[at..];
        }
        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (!pic.Picture.Contains(decimalSeparator, StringComparison.Ordinal) || decimalPos == text.Length - 1) text = text[..^1];
        if (exponent != null)
        {
            var exponentText = MakeString(exponent.Value, 0);
            var pad = pic.MinimumExponentSize - exponentText.Length;
            if (pad > 0) exponentText = string.Concat(Enumerable.Repeat(zero, pad)) + exponentText;
            text = text + P("exponent-separator") + (exponent < 0 ? minus : "") + exponentText;
        }
        return pic.Prefix + text + pic.Suffix;
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : text[..at] + with + text[(at + what.Length)..];
    }

    /// <summary>JavaScript's Number.prototype.toFixed (exponential notation from 1e21 up).</summary>
    private static string ToFixed(double value, int digits)
    {
        if (Math.Abs(value) >= 1e21) return JsNumber.Format(value);
        return value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
