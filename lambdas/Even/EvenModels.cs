using System.Text.Json.Serialization;

namespace Lambdas.Even;

/// <summary>Nullable so a missing or null number gets a clear InvalidInputException instead of a default of 0.</summary>
public sealed record EvenInput(long? Number);

public sealed record EvenOutput(long Number, string Parity);

// Source-generated metadata: no reflection, so the trimmed bootstrap serializes exactly these types.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvenInput))]
[JsonSerializable(typeof(EvenOutput))]
public sealed partial class EvenJsonContext : JsonSerializerContext;
