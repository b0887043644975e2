using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Intrinsics;

/// <summary>Evaluates the 18 States Language intrinsic functions. Every result is a fresh node.</summary>
public static class IntrinsicFunctions
{
    private const int MaxStringLength = 10_000;
    private const int MaxRangeItems = 1000;

    private static readonly HashSet<string> Known =
    [
        "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
        "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
        "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom",
        "States.MathAdd", "States.StringSplit", "States.UUID",
    ];

    public static bool IsKnown(string name) => Known.Contains(name);

    public static JsonNode? Evaluate(IntrinsicCall call, JsonNode? input, StateContext? context)
    {
        var args = new JsonNode?[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = EvaluateArgument(call, call.Arguments[i], input, context);
        }
        try
        {
            return Invoke(call, args);
        }
        catch (IntrinsicError e)
        {
            throw Fail(call, context, e.Message);
        }
    }

    private static StatesException Fail(IntrinsicCall call, StateContext? context, string message) =>
        StatesException.Runtime($"{context?.CausePrefix}The function '{call.Text}' had the following error: {message}");

    private static JsonNode? EvaluateArgument(IntrinsicCall call, IntrinsicArgument argument, JsonNode? input, StateContext? context)
    {
        switch (argument)
        {
            case LiteralArgument literal:
                return literal.Value?.DeepClone();
            case IntrinsicCall nested:
                return Evaluate(nested, input, context);
            case PathArgument { Path: var path }:
                var found = PathResolver.TryResolve(path, input, context, out var value);
                if (!found)
                {
                    throw Fail(call, context, $"The JsonPath argument '{path.Text}' could not be found in the {(path.IsContext ? "context object" : "input")}.");
                }
                return value?.DeepClone();
            default:
                throw new InvalidOperationException("unknown argument kind");
        }
    }

    private sealed class IntrinsicError(string message) : Exception(message);

    private static JsonNode? Invoke(IntrinsicCall call, JsonNode?[] a) => call.Name switch
    {
        "States.Format" => Format(call, a),
        "States.StringToJson" => StringToJson(Arity(a, 1)),
        "States.JsonToString" => JsonValue.Create(Json.Serialize(Arity(a, 1)[0])),
        "States.Array" => new JsonArray(a),
        "States.ArrayPartition" => ArrayPartition(Arity(a, 2)),
        "States.ArrayContains" => JsonValue.Create(Array(Arity(a, 2)[0], 1).Any(item => Json.DeepEquals(item, a[1]))),
        "States.ArrayRange" => ArrayRange(Arity(a, 3)),
        "States.ArrayGetItem" => ArrayGetItem(Arity(a, 2)),
        "States.ArrayLength" => JsonValue.Create(Array(Arity(a, 1)[0], 1).Count),
        "States.ArrayUnique" => ArrayUnique(Arity(a, 1)),
        "States.Base64Encode" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(LimitedString(Arity(a, 1)[0], 1)))),
        "States.Base64Decode" => Base64Decode(Arity(a, 1)),
        "States.Hash" => Hash(Arity(a, 2)),
        "States.JsonMerge" => JsonMerge(Arity(a, 3)),
        "States.MathRandom" => MathRandom(a),
        "States.MathAdd" => MathAdd(Arity(a, 2)),
        "States.StringSplit" => StringSplit(Arity(a, 2)),
        "States.UUID" => JsonValue.Create(Guid.NewGuid().ToString()),
        _ => throw new IntrinsicError($"Unknown function {call.Name}."),
    };

    private static JsonNode?[] Arity(JsonNode?[] args, int expected)
    {
        if (args.Length != expected)
        {
            throw new IntrinsicError($"The function expects {expected} argument(s) but received {args.Length}.");
        }
        return args;
    }

    private static string String(JsonNode? node, int position) =>
        Json.IsString(node, out var s) ? s : throw new IntrinsicError($"Argument {position} must be a string, but was {Json.TypeName(node)}.");

    private static string LimitedString(JsonNode? node, int position)
    {
        var s = String(node, position);
        return s.Length <= MaxStringLength ? s : throw new IntrinsicError($"Argument {position} exceeds the maximum length of {MaxStringLength} characters.");
    }

    private static JsonArray Array(JsonNode? node, int position) =>
        node as JsonArray ?? throw new IntrinsicError($"Argument {position} must be an array, but was {Json.TypeName(node)}.");

    private static long Integer(JsonNode? node, int position) =>
        Json.IsInteger(node, out var v) ? v : throw new IntrinsicError($"Argument {position} must be an integer, but was {Json.Serialize(node)}.");

    private static JsonNode Format(IntrinsicCall call, JsonNode?[] a)
    {
        if (a.Length == 0)
        {
            throw new IntrinsicError("States.Format needs a template string.");
        }
        var template = call.Arguments[0] is LiteralArgument { FormatTemplate: { } t } ? t : String(a[0], 1);
        var sb = new StringBuilder();
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= a.Length)
                {
                    throw new IntrinsicError("The number of arguments does not match the number of '{}' placeholders in the template.");
                }
                sb.Append(FormatValue(a[next], next + 1));
                next++;
                i++;
                continue;
            }
            sb.Append(template[i] switch { IntrinsicParser.OpenBraceMarker => '{', IntrinsicParser.CloseBraceMarker => '}', var c => c });
        }
        if (next != a.Length)
        {
            throw new IntrinsicError("The number of arguments does not match the number of '{}' placeholders in the template.");
        }
        return JsonValue.Create(sb.ToString());
    }

    private static string FormatValue(JsonNode? node, int position)
    {
        if (Json.IsString(node, out var s))
        {
            return s;
        }
        if (node is JsonObject or JsonArray)
        {
            throw new IntrinsicError($"Argument {position} of States.Format must be a string, number, boolean or null, but was {Json.TypeName(node)}.");
        }
        return Json.Serialize(node);
    }

    private static JsonNode? StringToJson(JsonNode?[] a)
    {
        var text = String(a[0], 1);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // AWS: "" and " " give null (recorded).
        }
        try
        {
            var parsed = Json.Parse(text);
            // "-0" is 0 on AWS (a Java number), not JSON's distinct -0.
            return Json.IsNumber(parsed, out var number) && number == 0 ? JsonValue.Create(0) : parsed;
        }
        catch (JsonException e)
        {
            throw new IntrinsicError($"The string is not valid JSON: {e.Message}");
        }
    }

    private static JsonArray ArrayPartition(JsonNode?[] a)
    {
        var source = Array(a[0], 1);
        var size = Integer(a[1], 2);
        if (size <= 0)
        {
            throw new IntrinsicError("The chunk size must be greater than 0.");
        }
        var result = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in source)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = [];
                result.Add(chunk);
            }
            chunk.Add(item?.DeepClone());
        }
        return result;
    }

    private static JsonArray ArrayRange(JsonNode?[] a)
    {
        var start = Integer(a[0], 1);
        var end = Integer(a[1], 2);
        var step = Integer(a[2], 3);
        if (step == 0)
        {
            throw new IntrinsicError("The step must not be 0.");
        }
        var count = (end - start) / step + 1;
        if (count > MaxRangeItems)
        {
            throw new IntrinsicError($"The range would have {count} items; at most {MaxRangeItems} are allowed.");
        }
        var result = new JsonArray();
        for (var v = start; step > 0 ? v <= end : v >= end; v += step)
        {
            result.Add(v);
        }
        return result;
    }

    private static JsonNode? ArrayGetItem(JsonNode?[] a)
    {
        var source = Array(a[0], 1);
        var index = Integer(a[1], 2);
        if (index < 0 || index >= source.Count)
        {
            throw new IntrinsicError($"The index {index} is out of bounds for an array of length {source.Count}.");
        }
        return source[(int)index]?.DeepClone();
    }

    private static JsonArray ArrayUnique(JsonNode?[] a)
    {
        var result = new JsonArray();
        var seen = new List<JsonNode?>();
        foreach (var item in Array(a[0], 1))
        {
            if (!seen.Exists(s => Json.DeepEquals(s, item)))
            {
                seen.Add(item);
                result.Add(item?.DeepClone());
            }
        }
        return result;
    }

    private static JsonNode Base64Decode(JsonNode?[] a)
    {
        var text = LimitedString(a[0], 1);
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw new IntrinsicError("The argument is not valid Base64.");
        }
    }

    private static JsonNode Hash(JsonNode?[] a)
    {
        var data = a[0] is JsonValue && Json.IsString(a[0], out var s) ? s : Json.Serialize(a[0]);
        if (data.Length > MaxStringLength)
        {
            throw new IntrinsicError($"The data to hash exceeds {MaxStringLength} characters.");
        }
        var bytes = Encoding.UTF8.GetBytes(data);
        var hash = String(a[1], 2) switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            var other => throw new IntrinsicError($"The hash algorithm '{other}' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512."),
        };
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(JsonNode?[] a)
    {
        if (a[0] is not JsonObject left || a[1] is not JsonObject right)
        {
            throw new IntrinsicError("The first two arguments must be JSON objects.");
        }
        if (!Json.IsBoolean(a[2], out var deep) || deep)
        {
            throw new IntrinsicError("The third argument must be the boolean false (only shallow merges are supported).");
        }
        var result = new JsonObject();
        foreach (var pair in left)
        {
            result[pair.Key] = pair.Value?.DeepClone();
        }
        foreach (var pair in right)
        {
            result[pair.Key] = pair.Value?.DeepClone();
        }
        return result;
    }

    private static JsonNode MathRandom(JsonNode?[] a)
    {
        if (a.Length is < 2 or > 3)
        {
            throw new IntrinsicError($"The function expects 2 or 3 arguments but received {a.Length}.");
        }
        var start = Integer(a[0], 1);
        var end = Integer(a[1], 2);
        if (end <= start)
        {
            throw new IntrinsicError("The end must be greater than the start.");
        }
        var random = a.Length == 3 ? new Random((int)Integer(a[2], 3)) : Random.Shared;
        return JsonValue.Create(random.NextInt64(start, end));
    }

    // AWS rounds each operand half up, like Java's Math.round (recorded: 1.49 + 1.5 = 3, -1.5 + -1.51 = -3).
    private static JsonNode MathAdd(JsonNode?[] a)
    {
        var sum = RoundHalfUp(a[0], 1) + RoundHalfUp(a[1], 2);
        return JsonValue.Create(sum);
    }

    private static long RoundHalfUp(JsonNode? node, int position) =>
        Json.IsNumber(node, out var value) && double.IsFinite(value)
            ? (long)Math.Floor(value + 0.5)
            : throw new IntrinsicError($"Argument {position} must be a number, but was {Json.TypeName(node)}.");

    private static JsonArray StringSplit(JsonNode?[] a)
    {
        var text = String(a[0], 1);
        var delimiters = String(a[1], 2).ToCharArray();
        var result = new JsonArray();
        foreach (var part in text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add(part);
        }
        return result;
    }
}
