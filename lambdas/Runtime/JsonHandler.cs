using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lambdas.Runtime;

/// <summary>
/// Adapts a typed handler (TIn, ILambdaContext) → TOut to raw bodies using source-generated JSON metadata
/// (no reflection, so trimming and AOT keep working). Input that cannot be read becomes an
/// <see cref="InvalidInputException"/> that says what was wrong.
/// </summary>
public sealed class JsonHandler<TIn, TOut>(
    Func<TIn, ILambdaContext, CancellationToken, ValueTask<TOut>> handler,
    JsonTypeInfo<TIn> inputType,
    JsonTypeInfo<TOut> outputType,
    InputContract contract) : IInvocationHandler
{
    public async ValueTask<byte[]> InvokeAsync(byte[] input, ILambdaContext context, CancellationToken cancellationToken)
    {
        var value = Deserialize(input);
        var output = await handler(value, context, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(output, outputType);
    }

    /// <summary>Reads the event, or explains in one sentence why it cannot be read.</summary>
    public TIn Deserialize(byte[] input)
    {
        var expected = $"Expected a JSON object like {contract.Example}.";
        if (input.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new InvalidInputException($"The request body is empty. {expected}");
        }

        TIn? value;
        try
        {
            value = JsonSerializer.Deserialize(input, inputType);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(Explain(input, ex.Path, expected));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // Invalid UTF-8 and similar reader failures surface as these rather than JsonException.
            throw new InvalidInputException($"The request body is not valid UTF-8 JSON. {expected}");
        }
        return value ?? throw new InvalidInputException($"The request body is null. {expected}");
    }

    private string Explain(byte[] input, string? path, string expected)
    {
        if (!IsWellFormed(input, out var line, out var position))
        {
            return $"The request body is not valid JSON (line {line + 1}, byte {position + 1}). {expected}";
        }
        var field = TopLevelField(path);
        return field is null
            ? $"The request body must be a JSON object. {expected}"
            : $"{contract.Describe(field)}. {expected}";
    }

    private static bool IsWellFormed(byte[] input, out long line, out long position)
    {
        var reader = new Utf8JsonReader(input, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }
            line = position = 0;
            return true;
        }
        catch (JsonException ex)
        {
            line = ex.LineNumber ?? 0;
            position = ex.BytePositionInLine ?? 0;
            return false;
        }
    }

    /// <summary>"$.number" or "$.number[0]" or "$['number']" → "number"; "$" → null.</summary>
    internal static string? TopLevelField(string? path)
    {
        if (path is null || path.Length <= 1 || path[0] != '$')
        {
            return null;
        }
        var rest = path.AsSpan(1);
        if (rest.StartsWith("['"))
        {
            var end = rest.IndexOf("']");
            return end > 2 ? rest[2..end].ToString() : null;
        }
        if (rest[0] != '.')
        {
            return null;
        }
        rest = rest[1..];
        var stop = rest.IndexOfAny('.', '[');
        return (stop < 0 ? rest : rest[..stop]).ToString();
    }
}

/// <summary>Factory methods so function projects read as one line of wiring.</summary>
public static class JsonHandler
{
    public static JsonHandler<TIn, TOut> Create<TIn, TOut>(Func<TIn, ILambdaContext, TOut> handler, JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType, InputContract contract) =>
        new((input, context, _) => ValueTask.FromResult(handler(input, context)), inputType, outputType, contract);

    public static JsonHandler<TIn, TOut> Create<TIn, TOut>(Func<TIn, ILambdaContext, CancellationToken, Task<TOut>> handler,
        JsonTypeInfo<TIn> inputType, JsonTypeInfo<TOut> outputType, InputContract contract) =>
        new((input, context, cancellationToken) => new ValueTask<TOut>(handler(input, context, cancellationToken)), inputType, outputType,
            contract);
}
