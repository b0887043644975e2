using System.Text.Json.Serialization;

namespace Lambdas.Odd;

/// <summary>Nullable so a missing or null number gets a clear InvalidInputException instead of a default of 0.</summary>
public sealed record OddInput(long? Number);

public sealed record OddOutput(long Number, string Parity);

// Source-generated metadata: no reflection, so the trimmed bootstrap serializes exactly these types.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OddInput))]
[JsonSerializable(typeof(OddOutput))]
public sealed partial class OddJsonContext : JsonSerializerContext;
