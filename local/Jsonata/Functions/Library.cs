using System.Collections.Frozen;
using Jsonata.Evaluation;
using Jsonata.Parsing;

namespace Jsonata.Functions;

/// <summary>
/// The standard function library of JSONata 2.0.6: name → signature → implementation. Each family lives in
/// its own file; the arity is the reference's JavaScript parameter count, which decides how many of
/// (value, index, array) the higher-order functions pass to a built-in used as a callback.
/// </summary>
internal static partial class Library
{
    private static readonly FrozenDictionary<string, Builtin> Functions = Build();

    public static Builtin? Get(string name) => Functions.GetValueOrDefault(name);

    public static IEnumerable<string> Names => Functions.Keys;

    private static FrozenDictionary<string, Builtin> Build()
    {
        var all = new Dictionary<string, Builtin>(StringComparer.Ordinal);
        void Add(string name, string signature, int arity, BuiltinImplementation implementation) =>
            all[name] = new Builtin(name, Signature.Parse(signature), arity, implementation);

        // aggregation
        Add("sum", "<a<n>:n>", 1, Aggregates.Sum);
        Add("count", "<a:n>", 1, Aggregates.Count);
        Add("max", "<a<n>:n>", 1, Aggregates.Max);
        Add("min", "<a<n>:n>", 1, Aggregates.Min);
        Add("average", "<a<n>:n>", 1, Aggregates.Average);
        // strings
        Add("string", "<x-b?:s>", 1, Strings.String);
        Add("substring", "<s-nn?:s>", 3, Strings.Substring);
        Add("substringBefore", "<s-s:s>", 2, Strings.SubstringBefore);
        Add("substringAfter", "<s-s:s>", 2, Strings.SubstringAfter);
        Add("lowercase", "<s-:s>", 1, Strings.Lowercase);
        Add("uppercase", "<s-:s>", 1, Strings.Uppercase);
        Add("length", "<s-:n>", 1, Strings.Length);
        Add("trim", "<s-:s>", 1, Strings.Trim);
        Add("pad", "<s-ns?:s>", 3, Strings.Pad);
        Add("match", "<s-f<s:o>n?:a<o>>", 3, RegexMatching.Match);
        Add("contains", "<s-(sf):b>", 2, RegexMatching.Contains);
        Add("replace", "<s-(sf)(sf)n?:s>", 4, RegexMatching.Replace);
        Add("split", "<s-(sf)n?:a<s>>", 3, RegexMatching.Split);
        Add("join", "<a<s>s?:s>", 2, Strings.Join);
        Add("base64encode", "<s-:s>", 1, Strings.Base64Encode);
        Add("base64decode", "<s-:s>", 1, Strings.Base64Decode);
        Add("encodeUrlComponent", "<s-:s>", 1, Strings.EncodeUrlComponent);
        Add("encodeUrl", "<s-:s>", 1, Strings.EncodeUrl);
        Add("decodeUrlComponent", "<s-:s>", 1, Strings.DecodeUrlComponent);
        Add("decodeUrl", "<s-:s>", 1, Strings.DecodeUrl);
        // numbers
        Add("formatNumber", "<n-so?:s>", 3, NumberFormatting.FormatNumber);
        Add("formatBase", "<n-n?:s>", 2, Numbers.FormatBase);
        Add("formatInteger", "<n-s:s>", 2, IntegerFormatting.FormatInteger);
        Add("parseInteger", "<s-s:n>", 2, IntegerFormatting.ParseInteger);
        Add("number", "<(nsb)-:n>", 1, Numbers.Number);
        Add("floor", "<n-:n>", 1, Numbers.Floor);
        Add("ceil", "<n-:n>", 1, Numbers.Ceil);
        Add("round", "<n-n?:n>", 2, Numbers.Round);
        Add("abs", "<n-:n>", 1, Numbers.Abs);
        Add("sqrt", "<n-:n>", 1, Numbers.Sqrt);
        Add("power", "<n-n:n>", 2, Numbers.Power);
        Add("random", "<:n>", 0, Numbers.Random);
        // booleans
        Add("boolean", "<x-:b>", 1, (_, a, _) => Operators.ToBoolean(a[0]));
        Add("not", "<x-:b>", 1, (_, a, _) => a[0] == null ? null : !Operators.Boolize(a[0]));
        Add("exists", "<x:b>", 1, (_, a, _) => a.Length > 0 && a[0] != null);
        // higher-order
        Add("map", "<af>", 2, HigherOrder.Map);
        Add("zip", "<a+>", 0, Arrays.Zip);
        Add("filter", "<af>", 2, HigherOrder.Filter);
        Add("single", "<af?>", 2, HigherOrder.Single);
        Add("reduce", "<afj?:j>", 3, HigherOrder.Reduce);
        Add("sift", "<o-f?:o>", 2, HigherOrder.Sift);
        Add("each", "<o-f:a>", 2, HigherOrder.Each);
        Add("sort", "<af?:a>", 2, HigherOrder.Sort);
        // objects and arrays
        Add("keys", "<x-:a<s>>", 1, Objects.Keys);
        Add("lookup", "<x-s:x>", 2, (_, a, _) => Evaluator.Lookup(a[0], (string)a[1]!));
        Add("append", "<xx:a>", 2, (_, a, _) => Operators.Append(a[0], a[1]));
        Add("spread", "<x-:a<o>>", 1, Objects.Spread);
        Add("merge", "<a<o>:o>", 1, Objects.Merge);
        Add("reverse", "<a:a>", 1, Arrays.Reverse);
        Add("shuffle", "<a:a>", 1, Arrays.Shuffle);
        Add("distinct", "<x:x>", 1, Arrays.Distinct);
        Add("error", "<s?:x>", 1, Misc.Error);
        Add("assert", "<bs?:x>", 2, Misc.Assert);
        Add("type", "<x:s>", 1, Misc.Type);
        Add("eval", "<sx?:x>", 2, Misc.Eval);
        Add("clone", "<(oa)-:o>", 1, (_, a, _) => a[0] == null ? null : Operators.DeepClone(a[0]!));
        // date/time
        Add("toMillis", "<s-s?:n>", 2, DateTimeFunctions.ToMillis);
        Add("fromMillis", "<n-s?s?:s>", 3, DateTimeFunctions.FromMillis);
        Add("now", "<s?s?:s>", 2, DateTimeFunctions.Now);
        Add("millis", "<:n>", 0, (ev, _, _) => (double)ev.Timestamp.ToUnixTimeMilliseconds());
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static object? Arg(object?[] args, int index) => index < args.Length ? args[index] : null;
}
