using System.Globalization;
using System.Text;

namespace Jsonata.Tests;

/// <summary>
/// Seeded random well-formed JSONata expressions and JSON documents for the generated differential corpus and the
/// fuzz tests. The grammar covers paths, predicates, bindings, grouping, sorting, operators, constructors,
/// lambdas, higher-order and standard functions; names and values come from small vocabularies so that paths hit.
/// </summary>
public sealed class ExpressionGenerator(int seed)
{
    private static readonly string[] Keys = ["a", "b", "c", "name", "value", "items", "x", "tags"];
    private static readonly string[] Words = ["alpha", "beta", "Gamma", "a b", "", "x1", "ÀB", "12"];
    private readonly Random random = new(seed);

    private int Next(int max) => random.Next(max);

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    // ---- documents ----

    public string Document() => Value(3);

    private string Value(int depth) => (depth <= 0 ? Next(5) : Next(9)) switch
    {
        0 => Number(),
        1 => Quote(Pick(Words)),
        2 => Chance(0.5) ? "true" : "false",
        3 => "null",
        4 => Number(),
        5 or 6 => Object(depth - 1),
        _ => "[" + string.Join(",", Enumerable.Range(0, Next(4)).Select(_ => Value(depth - 1))) + "]",
    };

    private string Object(int depth)
    {
        var keys = Keys.OrderBy(_ => Next(100)).Take(1 + Next(4));
        return "{" + string.Join(",", keys.Select(k => Quote(k) + ":" + Value(depth))) + "}";
    }

    private string Number() => Next(6) switch
    {
        0 => (Next(21) - 10).ToString(CultureInfo.InvariantCulture),
        1 => (Next(2000) / 100.0 - 5).ToString("0.##", CultureInfo.InvariantCulture),
        2 => "0",
        3 => Next(100).ToString(CultureInfo.InvariantCulture),
        4 => "1.5",
        _ => (Next(7) - 3).ToString(CultureInfo.InvariantCulture),
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s) sb.Append(c == '"' ? "\\\"" : c.ToString());
        return sb.Append('"').ToString();
    }

    // ---- expressions ----

    public string Expression() => Expr(3);

    private string Literal() => Next(6) switch
    {
        0 => Number(),
        1 => "'" + Pick(Words) + "'",
        2 => Pick(["true", "false", "null"]),
        3 => "[" + string.Join(", ", Enumerable.Range(0, Next(4)).Select(_ => Number())) + "]",
        4 => "'" + Pick(Keys) + "'",
        _ => Number(),
    };

    private string Name() => Chance(0.1) ? "`" + Pick(Keys) + "`" : Pick(Keys);

    private string Path(int depth)
    {
        var sb = new StringBuilder(Chance(0.15) ? Pick(["$", "$$", "*", "**"]) : Name());
        var steps = Next(3);
        for (var i = 0; i < steps; i++)
        {
            sb.Append('.').Append(Next(10) switch
            {
                0 => "*",
                1 when depth > 0 => "(" + Expr(depth - 1) + ")",
                2 when depth > 0 => "{" + "'k': " + Expr(depth - 1) + "}",
                3 when depth > 0 => "[" + Expr(depth - 1) + "]",
                _ => Name(),
            });
            if (Chance(0.25)) sb.Append(Predicate(depth));
        }
        if (Chance(0.2)) sb.Append(Predicate(depth));
        if (Chance(0.08)) sb.Append("[]");
        if (Chance(0.08)) sb.Append("#$i").Append(Chance(0.5) ? "[$i < 2]" : "");
        if (Chance(0.06)) sb.Insert(0, "(").Append(")");
        return sb.ToString();
    }

    private string Predicate(int depth) => Next(6) switch
    {
        0 => "[" + (Next(5) - 2) + "]",
        1 => "[" + Name() + "]",
        2 when depth > 0 => "[" + Comparison(depth - 1) + "]",
        3 => "[[0, 1]]",
        4 => "[" + Name() + " = " + Literal() + "]",
        _ => "[$ != null]",
    };

    private string Comparison(int depth) =>
        Expr(depth) + Pick([" = ", " != ", " < ", " <= ", " > ", " >= ", " in "]) + Expr(depth);

    private string Expr(int depth)
    {
        if (depth <= 0) return Chance(0.5) ? Path(0) : Literal();
        return Next(30) switch
        {
            0 or 1 or 2 => Path(depth),
            3 or 4 => Literal(),
            5 or 6 => Expr(depth - 1) + Pick([" + ", " - ", " * ", " / ", " % "]) + Expr(depth - 1),
            7 => Comparison(depth - 1),
            8 => Expr(depth - 1) + " & " + Expr(depth - 1),
            9 => Expr(depth - 1) + Pick([" and ", " or "]) + Expr(depth - 1),
            10 => Expr(depth - 1) + " ? " + Expr(depth - 1) + (Chance(0.7) ? " : " + Expr(depth - 1) : ""),
            11 => "[" + string.Join(", ", Enumerable.Range(0, Next(4)).Select(_ => Expr(depth - 1))) + "]",
            12 => "{" + string.Join(", ", Enumerable.Range(0, Next(3)).Select(i => "'" + Pick(Keys) + i + "': " + Expr(depth - 1))) + "}",
            13 => Path(depth - 1) + "{" + Expr(depth - 1) + ": " + Expr(depth - 1) + "}",
            14 => Path(depth - 1) + "^(" + Pick(["", ">", "<"]) + Expr(depth - 1) + ")",
            15 => "($v := " + Expr(depth - 1) + "; " + Expr(depth - 1).Replace("$$", "$v", StringComparison.Ordinal) + ")",
            16 => "-" + Expr(depth - 1),
            17 => "[" + Next(3) + ".." + Next(5) + "]",
            18 => Path(depth - 1) + "@$o." + Expr(depth - 1).Replace("$$", "$o", StringComparison.Ordinal),
            19 => Expr(depth - 1) + " ~> " + Pick(["$string", "$count", "$type", "$exists", "$boolean", "$sum", "$reverse", "$keys"]),
            20 => "function($x){" + Expr(depth - 1).Replace("$$", "$x", StringComparison.Ordinal) + "}(" + Expr(depth - 1) + ")",
            21 => "$ ~> |" + Path(0) + "|{'" + Pick(Keys) + "': " + Expr(depth - 1) + "}" + (Chance(0.5) ? ", ['" + Pick(Keys) + "']" : "") + "|",
            _ => Call(depth),
        };
    }

    private string Call(int depth)
    {
        string E() => Expr(depth - 1);
        string L(string body) => "function($v, $i){" + body + "}";
        return Next(44) switch
        {
            0 => $"$sum({E()})",
            1 => $"$count({E()})",
            2 => $"$max({E()})",
            3 => $"$min({E()})",
            4 => $"$average({E()})",
            5 => $"$string({E()})",
            6 => $"$length({E()})",
            7 => $"$substring({E()}, {Next(5) - 2}{(Chance(0.5) ? ", " + Next(4) : "")})",
            8 => $"$uppercase({E()})",
            9 => $"$lowercase({E()})",
            10 => $"$join({E()}, '{Pick(new[] { ",", "", " - " })}')",
            11 => $"$keys({E()})",
            12 => $"$exists({E()})",
            13 => $"$type({E()})",
            14 => $"$boolean({E()})",
            15 => $"$not({E()})",
            16 => $"$number({E()})",
            17 => $"$abs({E()})",
            18 => $"$round({E()}{(Chance(0.5) ? ", " + (Next(5) - 2) : "")})",
            19 => $"$sort({E()})",
            20 => $"$reverse({E()})",
            21 => $"$distinct({E()})",
            22 => $"$append({E()}, {E()})",
            23 => $"$map({E()}, {L(E().Replace("$$", "$v", StringComparison.Ordinal))})",
            24 => $"$filter({E()}, {L("$v" + Pick(new[] { " > 1", " = 'alpha'", "", " != null" }))})",
            25 => $"$reduce({E()}, function($a, $b){{$a + $b}}{(Chance(0.5) ? ", 0" : "")})",
            26 => $"$contains({E()}, {(Chance(0.5) ? "'a'" : "/a/i")})",
            27 => $"$split({E()}, {(Chance(0.5) ? "' '" : "/[a ]/")})",
            28 => $"$replace({E()}, {(Chance(0.5) ? "'a'" : "/(a)/")}, '[$1]')",
            29 => $"$match({E()}, /[a-z]+/)",
            30 => $"$merge({E()})",
            31 => $"$spread({E()})",
            32 => $"$lookup({E()}, '{Pick(Keys)}')",
            33 => $"$each({E()}, function($v, $k){{$k}})",
            34 => $"$sift({E()}, function($v){{$v}})",
            35 => $"$zip({E()}, {E()})",
            36 => $"$formatNumber({E()}, '{Pick(new[] { "#,##0.00", "0.0e0", "#%", "000" })}')",
            37 => $"$formatBase({E()}, {Pick(new[] { 2, 8, 16 })})",
            38 => $"$pad({E()}, {Next(9) - 4}, '*')",
            39 => $"$trim({E()})",
            40 => $"$substringBefore({E()}, 'a')",
            41 => $"$fromMillis({E()}, '[Y0001]-[M01]-[D01] [H01]:[m01]')",
            42 => $"$single({E()})",
            _ => $"$floor({E()})",
        };
    }

    // ---- fuzz: arbitrary token soup and raw strings ----

    private static readonly string[] Tokens =
    [
        "a", "b", "$", "$$", "$x", ".", "[", "]", "{", "}", "(", ")", ",", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<",
        ">", "^", "**", "..", ":=", "!=", "<=", ">=", "~>", "and", "or", "in", "&", "@", "#", "'s'", "\"t\"", "1", "0.5", "1e3",
        "true", "null", "function", "λ", "$sum", "$map", "/a+/", "`q`", " ", "/*c*/", "$string", "$f", "$i",
    ];

    public string TokenSoup()
    {
        var sb = new StringBuilder();
        var count = 1 + Next(14);
        for (var i = 0; i < count; i++) sb.Append(Pick(Tokens));
        return sb.ToString();
    }

    public string RawString()
    {
        var sb = new StringBuilder();
        var count = Next(20);
        for (var i = 0; i < count; i++) sb.Append((char)(Chance(0.8) ? 32 + Next(95) : Next(0x3000)));
        return sb.ToString();
    }
}
