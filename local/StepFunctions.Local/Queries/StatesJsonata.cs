using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jsonata;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Queries;

/// <summary>The JSONata environment of a Step Functions state: JSONata 2.0.6's library without <c>$eval</c>
/// (AWS offers <c>$parse</c> instead), plus AWS's own functions <c>$partition</c>, <c>$range</c>, <c>$hash</c>,
/// <c>$random</c>, <c>$uuid</c> and <c>$parse</c>, and AWS's depth and time limits.</summary>
public static class StatesJsonata
{
    /// <summary>AWS fails an evaluation nested more than 100 levels deep (a 200-term sum overflows; floci issue #2737) and stops
    /// evaluations after a few seconds.</summary>
    public const int MaxDepth = 100;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>AWS caps <c>$range</c> below its general memory limit, before it allocates.</summary>
    public const int MaxRangeLength = 360_145;

    /// <summary>The longest range-operator sequence AWS builds: <c>[1..873782] ~> $count()</c> evaluates,
    /// <c>[1..873783]</c> exceeds its memory limit (TestState in us-east-1, floci issue #2737).</summary>
    public const int MaxSequenceLength = 873_782;

    public static JsonataEnvironment Environment { get; } = JsonataEnvironment.Standard
        .WithoutFunction("eval")
        .WithFunction("partition", Partition)
        .WithFunction("range", Range)
        .WithFunction("hash", Hash)
        .WithFunction("random", RandomNumber)
        .WithFunction("uuid", (_, _) => JsonataResult.Of(JsonValue.Create(Guid.NewGuid().ToString())))
        .WithFunction("parse", Parse)
        .WithLimits(MaxDepth, Timeout)
        .WithSequenceLimit(MaxSequenceLength);

    // $partition(array, size): the array in chunks of size, the last holding the remainder; a size below 1 or an
    // empty array gives undefined, as on AWS.
    private static JsonataResult Partition(IReadOnlyList<JsonataResult> args, JsonataResult input)
    {
        var array = Argument(args, 0, "partition");
        var size = Integer(args, 1, "partition");
        if (array is not JsonArray items || size is null || size < 1 || items.Count == 0)
        {
            return JsonataResult.Undefined;
        }
        var chunks = new JsonArray();
        for (var start = 0; start < items.Count; start += (int)size)
        {
            var chunk = new JsonArray();
            for (var i = start; i < Math.Min(items.Count, start + (int)size); i++)
            {
                chunk.Add(items[i]?.DeepClone());
            }
            chunks.Add(chunk);
        }
        return JsonataResult.Of(chunks);
    }

    // $range(start, end, step): start, start+step, ... up to end inclusive; no step, a zero step or one pointing
    // away from end gives undefined; a single value is returned bare, as AWS does.
    private static JsonataResult Range(IReadOnlyList<JsonataResult> args, JsonataResult input)
    {
        var start = Integer(args, 0, "range");
        var end = Integer(args, 1, "range");
        var step = Integer(args, 2, "range");
        if (start is null || end is null || step is null || step == 0 || (end - start) * step < 0)
        {
            return JsonataResult.Undefined;
        }
        var count = (end.Value - start.Value) / step.Value + 1;
        if (count > MaxRangeLength)
        {
            throw JsonataLimitException.MemoryLimit();
        }
        if (count == 1)
        {
            return JsonataResult.Of(JsonValue.Create(start.Value));
        }
        var values = new JsonArray();
        for (var value = start.Value; step > 0 ? value <= end : value >= end; value += step.Value)
        {
            values.Add(value);
        }
        return JsonataResult.Of(values);
    }

    // $hash(value, algorithm): the lowercase hex digest of the UTF-8 text; algorithm names are case-sensitive.
    private static JsonataResult Hash(IReadOnlyList<JsonataResult> args, JsonataResult input)
    {
        var value = Argument(args, 0, "hash");
        var algorithm = Argument(args, 1, "hash");
        if (value is null || algorithm is null)
        {
            return JsonataResult.Undefined;
        }
        if (!Json.IsString(value, out var text))
        {
            throw new JsonataException("T0410", 0, "Argument 1 of function $hash must be a string");
        }
        if (!Json.IsString(algorithm, out var name))
        {
            throw new JsonataException("T0410", 0, "Argument 2 of function $hash must be a string");
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        byte[] digest = name switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw new JsonataException("D3137", 0,
                $"The hashing algorithm '{name}' is not supported. Use one of: MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
        };
        return JsonataResult.Of(JsonValue.Create(Convert.ToHexStringLower(digest)));
    }

    // $random([seed]): a number in [0, 1); the same seed gives the same number.
    private static JsonataResult RandomNumber(IReadOnlyList<JsonataResult> args, JsonataResult input)
    {
        var seed = args.Count > 0 && !args[0].IsUndefined ? Integer(args, 0, "random") : null;
        var random = seed is { } s ? new Random(unchecked((int)s)) : Random.Shared;
        return JsonataResult.Of(JsonValue.Create(random.NextDouble()));
    }

    // $parse(text): the JSON value the text holds (AWS's replacement for $eval).
    private static JsonataResult Parse(IReadOnlyList<JsonataResult> args, JsonataResult input)
    {
        var value = Argument(args, 0, "parse");
        if (value is null)
        {
            return JsonataResult.Undefined;
        }
        if (!Json.IsString(value, out var text))
        {
            throw new JsonataException("T0410", 0, "Argument 1 of function $parse must be a string");
        }
        try
        {
            return JsonataResult.Of(Json.Parse(text));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsonataException("D3140", 0, $"The argument of $parse is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The argument, or null when it is missing or undefined (JSON null is returned as a null node too,
    /// which every AWS function treats as missing).</summary>
    private static JsonNode? Argument(IReadOnlyList<JsonataResult> args, int index, string function) =>
        index < args.Count && !args[index].IsUndefined ? args[index].Value : null;

    /// <summary>A numeric argument rounded toward zero, as AWS does; null when absent.</summary>
    private static long? Integer(IReadOnlyList<JsonataResult> args, int index, string function)
    {
        var node = Argument(args, index, function);
        if (node is null)
        {
            return null;
        }
        if (Json.IsNumber(node, out var number) && double.IsFinite(number))
        {
            return (long)Math.Truncate(number);
        }
        throw new JsonataException("T0410", 0,
            string.Create(CultureInfo.InvariantCulture, $"Argument {index + 1} of function ${function} must be a number"));
    }
}
