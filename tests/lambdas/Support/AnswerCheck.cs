using System.Text.Json;
using Lambda.Local;

namespace Lambdas.Tests.Support;

/// <summary>Whether an answer is a valid response of the function or one of its structured errors; null when it is.</summary>
public static class AnswerCheck
{
    public static string? Problem(string function, string? payload, FunctionError? error)
    {
        if (error is not null)
        {
            var allowed = function == "number-generator" ? ["InvalidInputException"] : new[] { "InvalidInputException", "WrongParityException" };
            if (!allowed.Contains(error.ErrorType) || string.IsNullOrWhiteSpace(error.ErrorMessage))
            {
                return $"unexpected error {error.ErrorType}: {error.ErrorMessage}";
            }
            using var body = JsonDocument.Parse(error.Json);
            return body.RootElement.TryGetProperty("stackTrace", out _) ? null : "error body has no stackTrace";
        }
        if (payload is null)
        {
            return "neither payload nor error";
        }
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        var number = root.GetProperty("number").GetInt64();
        return function switch
        {
            "number-generator" when number is >= 1 and <= 1_000_000 && root.GetProperty("is_even").GetBoolean() == (number % 2 == 0) => null,
            "even" when number % 2 == 0 && root.GetProperty("parity").GetString() == "even" => null,
            "odd" when number % 2 != 0 && root.GetProperty("parity").GetString() == "odd" => null,
            _ => $"invalid response {payload}",
        };
    }
}
