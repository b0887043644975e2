using StepFunctions.Local.Testing;
using StepFunctions.Service.Executions;

namespace StepFunctions.Service.Protocol;

/// <summary>An error the API returns as AWS does: HTTP status, <c>__type</c> code and message. Clients read the
/// code after the last <c>#</c>, so the prefixes are AWS's own.</summary>
public sealed class ApiException(string code, string message, int status = 400) : Exception(message)
{
    private const string StepFunctionsPrefix = "com.amazonaws.swf.service.v2.model#";
    private const string CoralPrefix = "com.amazon.coral.service#";
    private const string CoralAvailabilityPrefix = "com.amazon.coral.availability#";

    public string Code { get; } = code;
    public int Status { get; } = status;

    /// <summary>Set for services whose <c>__type</c> carries another prefix, or none (CloudWatch Logs: "").</summary>
    public string? TypePrefix { get; init; }

    /// <summary>The <c>__type</c> value: Step Functions' model errors and the framework's (coral) errors differ in prefix.</summary>
    public string Type => TypePrefix is not null ? TypePrefix + Code : Code switch
    {
        "UnknownOperationException" or "SerializationException" or "ValidationException" or "InternalFailure" => CoralPrefix + Code,
        "ThrottlingException" => CoralAvailabilityPrefix + Code,
        _ => StepFunctionsPrefix + Code,
    };

    public static ApiException Validation(string member, object? value, string constraint) =>
        new("ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static ApiException MissingMember(string member) =>
        new("ValidationException", $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>The API error of a domain refusal: its code is the error's AWS name.</summary>
    public static ApiException From(DomainException e) => new(e.Code, e.Message);

    /// <summary>The API error of a TestState refusal: AWS's code and message (the fix is for the CLI's users).</summary>
    public static ApiException From(TestStateException e) => new(e.Code, e.Message);
}
