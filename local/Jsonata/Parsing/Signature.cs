using System.Text;
using System.Text.RegularExpressions;

namespace Jsonata.Parsing;

/// <summary>
/// A function signature such as <c>&lt;s-n?:s&gt;</c>: argument types (s string, n number, b boolean, l null,
/// a array, o object, f function, j JSON, x anything, (..) a choice, a&lt;s&gt; typed array) with modifiers
/// ? optional, + repeated, - "use the context value when absent". Parsed here, with the regex that validation
/// (Evaluation's <c>SignatureCheck</c>, at each call) matches the arguments' type letters against, as the
/// reference does, so the error codes agree.
/// </summary>
internal sealed class Signature
{
    /// <summary>One parameter: its pattern in the signature's regex, its type letter and modifiers.</summary>
    internal sealed class Param
    {
        public string Regex = "";
        public char Type;
        public string? ChoiceType;
        public bool UsesContext;
        public Regex? ContextRegex;
        public string? Subtype;
    }

    private readonly List<Param> parameters;

    private Signature(string definition, List<Param> parameters)
    {
        Definition = definition;
        this.parameters = parameters;
        Pattern = new Regex("^" + string.Concat(parameters.Select(p => "(" + p.Regex + ")")) + "$", RegexOptions.CultureInvariant);
    }

    public string Definition { get; }

    public int ParameterCount => parameters.Count;

    internal IReadOnlyList<Param> Parameters => parameters;

    /// <summary>The whole signature as a regex over the arguments' type letters, one group per parameter.</summary>
    internal Regex Pattern { get; }

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
}
