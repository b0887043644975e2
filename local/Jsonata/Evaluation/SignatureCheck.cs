using System.Text;
using System.Text.RegularExpressions;
using Jsonata.Parsing;

namespace Jsonata.Evaluation;

/// <summary>A function's <see cref="Signature"/> applied to the values of one call: the arguments' type letters
/// matched against the signature's regex, the context value put in for a missing "-" argument, a single value
/// made an array where the signature asks for one; otherwise T0410/T0411/T0412, as the reference raises them.</summary>
internal static class SignatureCheck
{
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

    /// <summary>Checks and fixes up <paramref name="args"/> (context substitution, singleton-to-array) or throws T0410/T0411/T0412,
    /// naming the function as the call site does (<paramref name="function"/>; the reference writes <c>undefined</c> without one).</summary>
    public static object?[] Validate(this Signature signature, IReadOnlyList<object?> args, object? context, int position, string? function = null)
    {
        var named = Operators.Describe(function);
        var supplied = new StringBuilder(args.Count);
        foreach (var arg in args) supplied.Append(Symbol(arg));
        var symbols = supplied.ToString();
        var match = signature.Pattern.Match(symbols);
        if (!match.Success) throw ValidationError(signature, symbols, position, function);
        var validated = new List<object?>(args.Count + 1);
        var argIndex = 0;
        for (var p = 0; p < signature.Parameters.Count; p++)
        {
            var param = signature.Parameters[p];
            var group = match.Groups[p + 1].Value;
            if (group.Length == 0)
            {
                if (param.UsesContext)
                {
                    if (!param.ContextRegex!.IsMatch(Symbol(context).ToString()))
                        throw new JsonataException("T0411", position,
                            $"Context value is not a compatible type with argument {argIndex + 1} of function {named}", function);
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
                                $"Argument {argIndex + 1} of function {named} must be an array of {Operators.Describe(SubtypeName(param.Subtype!))}", function);
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

    private static JsonataException ValidationError(Signature signature, string symbols, int position, string? function)
    {
        var partial = "^";
        var goodTo = 0;
        foreach (var param in signature.Parameters)
        {
            partial += param.Regex;
            var m = Regex.Match(symbols, partial);
            if (!m.Success) break;
            goodTo = m.Length;
        }
        return new JsonataException("T0410", position,
            $"Argument {goodTo + 1} of function {Operators.Describe(function)} does not match function signature", function);
    }

}
