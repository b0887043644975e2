using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.Lambda;

/// <summary>Thrown by an in-process function to fail with a chosen errorType (like a .NET Lambda exception type).</summary>
public sealed class LambdaFunctionException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}

/// <summary>Lambda functions as in-process delegates, keyed by function name. An exception becomes a function
/// error whose errorType is the exception's short type name, as the .NET runtime client reports it.</summary>
public sealed class InProcessLambdaInvoker : ILambdaInvoker
{
    private readonly ConcurrentDictionary<string, Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>>> functions = new(StringComparer.Ordinal);

    public InProcessLambdaInvoker Register(string functionName, Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> handler)
    {
        functions[functionName] = handler;
        return this;
    }

    public InProcessLambdaInvoker Register(string functionName, Func<JsonNode?, JsonNode?> handler) =>
        Register(functionName, (input, _) => ValueTask.FromResult(handler(input)));

    public async ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(function.Name, out var handler))
        {
            return null;
        }
        try
        {
            return new LambdaInvokeResult(await handler(payload, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not (OperationCanceledException or StatesException))
        {
            var errorType = e is LambdaFunctionException lfe ? lfe.ErrorType : e.GetType().Name;
            var stack = new JsonArray();
            foreach (var line in (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                stack.Add(line);
            }
            var error = new JsonObject { ["errorMessage"] = e.Message, ["errorType"] = errorType, ["stackTrace"] = stack };
            return new LambdaInvokeResult(error, errorType);
        }
    }
}
