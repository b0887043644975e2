namespace Jsonata.Evaluation;

/// <summary>The semantics of JSONata's operators and the casts they share with the function library.</summary>
internal static class Operators
{
    /// <summary>A number that is not NaN; an infinite one is an error (D1001), as in the reference.</summary>
    public static bool IsNumeric(object? value)
    {
        if (value is not double d || double.IsNaN(d)) return false;
        if (double.IsInfinity(d)) throw new FunctionException("D1001", "Number out of range: null"); // JSON.stringify(Infinity), as the reference writes it
        return true;
    }

    public static bool IsArrayOfNumbers(object? value) => value is JArray array && array.All(IsNumeric);

    public static bool IsArrayOfStrings(object? value) => value is JArray array && array.All(v => v is string);

    /// <summary>The effective boolean value ($boolean); undefined stays undefined.</summary>
    public static bool? ToBoolean(object? value)
    {
        switch (value)
        {
            case null: return null;
            case JArray array:
                if (array.Count == 1) return ToBoolean(array[0]);
                return array.Count > 1 && array.Any(v => ToBoolean(v) == true);
            case string s: return s.Length > 0;
            case bool b: return b;
            case double: return IsNumeric(value) && (double)value != 0;
            case JObject obj: return obj.Count > 0;
            default: return false;
        }
    }

    public static bool Boolize(object? value) => ToBoolean(value) ?? false;

    public static object? Arithmetic(object? lhs, object? rhs, string op)
    {
        if (lhs != null && !IsNumeric(lhs))
            throw new FunctionException("T2001", $"The left side of the {Describe(op)} operator must evaluate to a number");
        if (rhs != null && !IsNumeric(rhs))
            throw new FunctionException("T2002", $"The right side of the {Describe(op)} operator must evaluate to a number");
        if (lhs == null || rhs == null) return null;
        double l = (double)lhs, r = (double)rhs;
        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / r,
            _ => l % r,
        };
    }

    public static object? Compare(object? lhs, object? rhs, string op)
    {
        var lComparable = lhs is null or string or double;
        var rComparable = rhs is null or string or double;
        if (!lComparable || !rComparable)
            throw new FunctionException("T2010", $"The expressions either side of operator \"{op}\" must evaluate to numeric or string values");
        if (lhs == null || rhs == null) return null;
        if (lhs.GetType() != rhs.GetType())
            throw new FunctionException("T2009", $"The values {Describe(lhs)} and {Describe(rhs)} either side of operator \"{op}\" must be of the same data type");
        if (lhs is string ls)
        {
            var c = string.CompareOrdinal(ls, (string)rhs);
            return op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 };
        }
        double l = (double)lhs, r = (double)rhs;
        return op switch { "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r };
    }

    public static bool DeepEquals(object? lhs, object? rhs)
    {
        if (ReferenceEquals(lhs, rhs)) return true;
        switch (lhs)
        {
            case double ld: return rhs is double rd && ld == rd;
            case string ls: return rhs is string rs && ls == rs;
            case bool lb: return rhs is bool rb && lb == rb;
            case JArray l:
                if (rhs is not JArray ra || ra.Count != l.Count) return false;
                for (var i = 0; i < l.Count; i++)
                {
                    if (!DeepEquals(l[i], ra[i])) return false;
                }
                return true;
            case JObject l:
                if (rhs is not JObject ro || ro.Count != l.Count) return false;
                foreach (var (key, value) in l)
                {
                    if (!ro.TryGetValue(key, out var other) || !DeepEquals(value, other)) return false;
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>The <c>in</c> operator: strict (reference) equality, as the reference's <c>===</c>.</summary>
    public static bool In(object? lhs, object? rhs)
    {
        if (lhs == null || rhs == null) return false;
        var items = rhs as JArray ?? [rhs];
        foreach (var item in items)
        {
            if (StrictEquals(lhs, item)) return true;
        }
        return false;
    }

    public static bool StrictEquals(object? a, object? b) => a switch
    {
        double x => b is double y && x == y,
        string x => b is string y && x == y,
        bool x => b is bool y && x == y,
        _ => ReferenceEquals(a, b),
    };

    public static object? Range(object? lhs, object? rhs)
    {
        if (lhs != null && !IsInteger(lhs))
            throw new FunctionException("T2003", "The left side of the range operator (..) must evaluate to an integer");
        if (rhs != null && !IsInteger(rhs))
            throw new FunctionException("T2004", "The right side of the range operator (..) must evaluate to an integer");
        if (lhs == null || rhs == null) return null;
        double from = (double)lhs, to = (double)rhs;
        if (from > to) return null;
        var size = to - from + 1;
        if (size > 1e7)
            throw new FunctionException("D2014", $"The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate {JsNumber.Format(size)}.");
        var result = new JArray((int)size) { IsSequence = true };
        for (var v = from; v <= to; v++) result.Add(v);
        return result;
    }

    private static bool IsInteger(object value) => value is double d && double.IsFinite(d) && Math.Floor(d) == d;

    /// <summary>The reference's append: concatenation that yields a plain array (not a sequence).</summary>
    public static object? Append(object? first, object? second)
    {
        if (first == null) return second;
        if (second == null) return first;
        var result = first is JArray a ? new JArray(a) : [first];
        if (second is JArray b) result.AddRange(b);
        else result.Add(second);
        return result;
    }

    /// <summary>$string: strings unchanged, functions "", numbers to 15 significant digits, the rest as JSON.</summary>
    public static string ToJsonataString(object value, bool pretty = false)
    {
        switch (value)
        {
            case string s: return s;
            case JFunction: return "";
            case double d when !double.IsFinite(d):
                throw new FunctionException("D3001", "Attempting to invoke string function on Infinity or NaN");
            default:
                if (value is JArray { OuterWrapper: true } w && w.Count > 0) value = w[0];
                return JsonText.Stringify(value, pretty, roundNumbers: true);
        }
    }

    /// <summary>A short rendering of a value for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "undefined",
        JFunction => "function",
        string s => "\"" + s + "\"",
        _ => JsonText.Stringify(value, false, roundNumbers: false),
    };

    public static object DeepClone(object value) => value switch
    {
        JArray array => new JArray(array.Select(DeepClone)),
        JObject obj => CloneObject(obj),
        _ => value,
    };

    private static JObject CloneObject(JObject obj)
    {
        var copy = new JObject();
        foreach (var (k, v) in obj)
        {
            if (v is not JFunction) copy[k] = DeepClone(v);
        }
        return copy;
    }
}
