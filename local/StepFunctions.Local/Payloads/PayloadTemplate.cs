using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Payloads;

/// <summary>A compiled Parameters / ResultSelector / ItemSelector template. Fields ending in <c>.$</c> are
/// evaluated; everything else is copied. Compiled once, so a state never re-parses its paths.</summary>
public abstract class PayloadTemplate
{
    public abstract JsonNode? Build(JsonNode? input, StateContext? context);

    /// <summary>Compiles a template; syntax problems are reported through <paramref name="report"/> with a
    /// JSON-pointer-like location, and the offending field is left out.</summary>
    public static PayloadTemplate Compile(JsonNode? node, string location, Action<string, string> report)
    {
        switch (node)
        {
            case JsonObject obj:
                var fields = new List<TemplateField>();
                foreach (var (key, value) in obj)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        var name = key[..^2];
                        if (!Json.IsString(value, out var text))
                        {
                            report($"{location}/{key}", $"The value of '{key}' must be a string holding a path or an intrinsic function.");
                            continue;
                        }
                        try
                        {
                            fields.Add(new TemplateField(name, null, ValueExpression.Parse(text), key));
                        }
                        catch (PathSyntaxException e)
                        {
                            report($"{location}/{key}", e.Message);
                        }
                    }
                    else
                    {
                        fields.Add(new TemplateField(key, Compile(value, $"{location}/{key}", report), null, key));
                    }
                }
                return new ObjectTemplate([.. fields]);
            case JsonArray array:
                var items = new PayloadTemplate[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Compile(array[i], $"{location}/{i}", report);
                }
                return new ArrayTemplate(items);
            default:
                return new StaticTemplate(node);
        }
    }

    /// <summary>A value copied as it is, keys ending in <c>.$</c> included (a Pass state's Result).</summary>
    public static PayloadTemplate Fixed(JsonNode? value) => new StaticTemplate(value?.DeepClone());

    private readonly record struct TemplateField(string Name, PayloadTemplate? Template, ValueExpression? Expression, string Key);

    private sealed class ObjectTemplate(TemplateField[] fields) : PayloadTemplate
    {
        public override JsonNode? Build(JsonNode? input, StateContext? context)
        {
            var result = new JsonObject();
            foreach (var field in fields)
            {
                result[field.Name] = field.Expression is { } expression
                    ? expression.Evaluate(input, context, field.Key)
                    : field.Template!.Build(input, context);
            }
            return result;
        }
    }

    private sealed class ArrayTemplate(PayloadTemplate[] items) : PayloadTemplate
    {
        public override JsonNode? Build(JsonNode? input, StateContext? context)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                result.Add(item.Build(input, context));
            }
            return result;
        }
    }

    private sealed class StaticTemplate(JsonNode? value) : PayloadTemplate
    {
        // The definition's node is never handed out: executions may attach what they get.
        public override JsonNode? Build(JsonNode? input, StateContext? context) => value?.DeepClone();
    }
}
