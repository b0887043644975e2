using System.Text;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>
/// CloudWatch Logs' filter pattern for unstructured events, the part a reader uses to find lines: terms that must
/// all appear (<c>ERROR "request 42"</c>), <c>?term</c> of which at least one must appear, <c>-term</c> that must
/// not. Matching is by substring and case-sensitive, as CloudWatch's. JSON (<c>{ $.level = ... }</c>),
/// space-delimited (<c>[ip, user, ...]</c>) and regular-expression (<c>%...%</c>) patterns are refused by name.
/// </summary>
public sealed class FilterPattern
{
    private readonly List<string> required = [];
    private readonly List<string> anyOf = [];
    private readonly List<string> excluded = [];

    private FilterPattern()
    {
    }

    public static FilterPattern Parse(string? pattern)
    {
        var result = new FilterPattern();
        var text = pattern?.Trim() ?? "";
        if (text.Length > 0 && text[0] is '{' or '[' or '%')
        {
            throw new ApiException("InvalidParameterException",
                $"Invalid filter pattern '{text}': this local service supports term patterns only (words, \"quoted phrases\", ?either, -not); " +
                "JSON, space-delimited and regular-expression patterns need CloudWatch Logs itself.") { TypePrefix = "" };
        }
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var list = text[i] switch { '?' => result.anyOf, '-' => result.excluded, _ => result.required };
            if (text[i] is '?' or '-')
            {
                i++;
            }
            var term = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    // \" inside a quoted phrase stands for the quote itself.
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }
                    term.Append(text[i++]);
                }
                if (i >= text.Length)
                {
                    throw new ApiException("InvalidParameterException", $"Invalid filter pattern '{text}': a quoted phrase is not closed; end it with \".") { TypePrefix = "" };
                }
                i++;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    term.Append(text[i++]);
                }
            }
            if (term.Length > 0)
            {
                list.Add(term.ToString());
            }
        }
        return result;
    }

    public bool Matches(string message) =>
        required.All(term => message.Contains(term, StringComparison.Ordinal))
        && (anyOf.Count == 0 || anyOf.Any(term => message.Contains(term, StringComparison.Ordinal)))
        && !excluded.Any(term => message.Contains(term, StringComparison.Ordinal));
}
