using System.Text;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Templates;

/// <summary>Renders <c>${name}</c> interpolations the way Terraform's templatefile does for plain identifiers
/// (<c>$${</c> is a literal <c>${</c>), so the executor runs exactly what Terraform deploys.</summary>
public static class TemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string> variables)
    {
        var sb = new StringBuilder(template.Length);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '$' && i + 2 < template.Length && template[i + 1] == '$' && template[i + 2] == '{')
            {
                sb.Append("${");
                i += 2;
                continue;
            }
            if (template[i] == '$' && i + 1 < template.Length && template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new FormatException($"Unterminated '${{' at offset {i}.");
                }
                var name = template[(i + 2)..close].Trim();
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                {
                    throw new FormatException($"'${{{name}}}' is not a plain variable reference; only ${{identifier}} interpolations are supported.");
                }
                if (variables.TryGetValue(name, out var value))
                {
                    sb.Append(value);
                }
                else
                {
                    missing.Add(name);
                }
                i = close;
                continue;
            }
            sb.Append(template[i]);
        }
        if (missing.Count > 0)
        {
            throw new FormatException($"The template needs variables that were not given: {string.Join(", ", missing)}. Pass each with --var name=value.");
        }
        return sb.ToString();
    }
}
