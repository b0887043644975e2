using System.Text.Json.Serialization;

namespace Lambdas.NumberGenerator;

/// <summary>Optional range; both ends inclusive. Absent fields take the defaults 1 and 100.</summary>
public sealed record NumberGeneratorInput(int Min = NumberGeneratorInput.DefaultMin, int Max = NumberGeneratorInput.DefaultMax)
{
    public const int DefaultMin = 1;
    public const int DefaultMax = 100;
    public const int Lowest = 1;
    public const int Highest = 1_000_000;
}

public sealed record NumberGeneratorOutput(int Number, bool IsEven);

// Source-generated metadata: no reflection, so the trimmed bootstrap serializes exactly these types.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NumberGeneratorInput))]
[JsonSerializable(typeof(NumberGeneratorOutput))]
public sealed partial class NumberGeneratorJsonContext : JsonSerializerContext;
