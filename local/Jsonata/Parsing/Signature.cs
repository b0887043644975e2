using System.Text;
using System.Text.RegularExpressions;
using Jsonata.Evaluation;

namespace Jsonata.Parsing;

/// <summary>
/// A function signature such as <c>&lt;s-n?:s&gt;</c>: argument types (s string, n number, b boolean, l null,
/// a array, o object, f function, j JSON, x anything, (..) a choice, a&lt;s&gt; typed array) with modifiers
/// ? optional, + repeated, - "use the context value when absent". Validation matches the arguments' type letters
/// against a regex built from the signature, as the reference does, so the error codes agree.
/// </summary>
internal sealed class Signature
{
    private sealed class Param
    {
        public string Regex = "";
        public char Type;
        public string? ChoiceType;
        public bool UsesContext;
        public Regex? ContextRegex;
        public string? Subtype;
    }

    private readonly List<Param> parameters;
    private readonly Regex regex;

    private Signature(string definition, List<Param> parameters)
    {
        Definition = definition;
        this.parameters = parameters;
        regex = new Regex("^" + string.Concat(parameters.Select(p => "(" + p.Regex + ")")) + "$", RegexOptions.CultureInvariant);
    }

    public string Definition { get; }

    public int ParameterCount => parameters.Count;

    public static Signature Parse(string signature, int position = 0)
    {
        var parameters = new List<Param>();
        var param = new Param();
        var previous = param;
        for (var i = 1; i < signature.Length; i++)
        {
            var symbol = signature[i];
            if (symbol == ':') break;
            switch (symbol)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    param.Regex = "[" + symbol + "m]";
                    param.Type = symbol;
                    Next();
                    break;
                case 'a':
                    param.Regex = "[asnblfom]";
                    param.Type = 'a';
                    Next();
                    break;
                case 'f':
                    param.Regex = "f";
                    param.Type = 'f';
                    Next();
                    break;
                case 'j':
                    param.Regex = "[asnblom]";
                    param.Type = 'j';
                    Next();
                    break;
                case 'x':
                    param.Regex = "[asnblfom]";
                    param.Type = 'x';
                    Next();
                    break;
                case '-':
                    previous.UsesContext = true;
                    previous.ContextRegex = new Regex("^" + previous.Regex, RegexOptions.CultureInvariant);
                    previous.Regex += "?";
                    break;
                case '?' or '+':
                    previous.Regex += symbol;
                    break;
                case '(':
                    {
                        var end = ClosingBracket(signature, i, '(', ')');
                        var choice = signature[(i + 1)..end];
                        if (choice.Contains('<'))
                            throw new JsonataException("S0402", position + i, "Choice groups containing parameterized types are not supported", choice);
                        param.Regex = "[" + choice + "m]";
                        param.Type = '(';
                        param.ChoiceType = choice;
                        i = end;
                        Next();
                        break;
                    }
                case '<':
                    {
                        if (previous.Type is not ('a' or 'f'))
                            throw new JsonataException("S0401", position + i, $"Type parameters can only be applied to functions and arrays", previous.Type.ToString());
                        var end = ClosingBracket(signature, i, '<', '>');
                        previous.Subtype = signature[(i + 1)..end];
                        i = end;
                        break;
                    }
            }
        }
        return new Signature(signature, parameters);

        void Next()
        {
            parameters.Add(param);
            previous = param;
            param = new Param();
        }
    }

    private static int ClosingBracket(string text, int start, char open, char close)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            i++;
            if (i >= text.Length) break;
            if (text[i] == close)
            {
                depth--;
                if (depth == 0) break;
            }
            else if (text[i] == open)
            {
                depth++;
            }
        }
        return i;
    }

    /// <summary>The type letter of a value as signatures see it ('m' for missing/undefined).</summary>
    public static char Symbol(object? value) => value switch
    {
        null => 'm',
        JFunction => 'f',
        string => 's',
        double => 'n',
        bool => 'b',
        JsonNull => 'l',
        JArray => 'a',
        _ => 'o',
    };

    /// <summary>Checks and fixes up <paramref name="args"/> (context substitution, singleton-to-array) or throws T0410/T0411/T0412.</summary>
    public object?[] Validate(IReadOnlyList<object?> args, object? context, int position)
    {
        var supplied = new StringBuilder(args.Count);
        foreach (var arg in args) supplied.Append(Symbol(arg));
        var symbols = supplied.ToString();
        var match = regex.Match(symbols);
        if (!match.Success) throw ValidationError(args, symbols, position);
        var validated = new List<object?>(args.Count + 1);
        var argIndex = 0;
        for (var p = 0; p < parameters.Count; p++)
        {
            var param = parameters[p];
            var group = match.Groups[p + 1].Value;
            if (group.Length == 0)
            {
                if (param.UsesContext)
                {
                    if (!param.ContextRegex!.IsMatch(Symbol(context).ToString()))
                        throw new JsonataException("T0411", position,
                            $"Context value is not a compatible type with argument {argIndex + 1} of function", null);
                    validated.Add(context);
                }
                else
                {
                    validated.Add(argIndex < args.Count ? args[argIndex] : null);
                    argIndex++;
                }
                continue;
            }
            foreach (var single in group)
            {
                var arg = args[argIndex];
                if (param.Type == 'a')
                {
                    if (single == 'm')
                    {
                        arg = null;
                    }
                    else
                    {
                        var ok = true;
                        if (param.Subtype != null)
                        {
                            if (single != 'a' && group != param.Subtype)
                            {
                                ok = false;
                            }
                            else if (single == 'a' && arg is JArray { Count: > 0 } array)
                            {
                                var itemType = Symbol(array[0]);
                                ok = itemType == param.Subtype[0] && array.All(item => Symbol(item) == itemType);
                            }
                        }
                        if (!ok)
                            throw new JsonataException("T0412", position,
                                $"Argument {argIndex + 1} of function must be an array of {SubtypeName(param.Subtype!)}", null);
                        if (single != 'a') arg = new JArray { arg! };
                    }
                }
                validated.Add(arg);
                argIndex++;
            }
        }
        return [.. validated];
    }

    private static string SubtypeName(string subtype) => subtype switch
    {
        "a" => "arrays",
        "b" => "booleans",
        "f" => "functions",
        "n" => "numbers",
        "o" => "objects",
        "s" => "strings",
        _ => subtype,
    };

    private JsonataException ValidationError(IReadOnlyList<object?> args, string symbols, int position)
    {
        var partial = "^";
        var goodTo = 0;
        foreach (var param in parameters)
        {
            partial += param.Regex;
            var m = Regex.Match(symbols, partial);
            if (!m.Success) break;
            goodTo = m.Length;
        }
        return new JsonataException("T0410", position,
            $"Argument {goodTo + 1} of function does not match function signature", goodTo < args.Count ? Describe(args[goodTo]) : null);
    }

    private static string? Describe(object? value) => value?.ToString();
}
