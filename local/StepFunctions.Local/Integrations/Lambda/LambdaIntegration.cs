using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.Lambda;

/// <summary>Lambda tasks: a plain function ARN (the result is the function's output) and
/// <c>arn:aws:states:::lambda:invoke</c> (the result wraps it: ExecutedVersion, Payload, SdkHttpMetadata,
/// SdkResponseMetadata, StatusCode). A function error fails the task with error = errorType and
/// cause = the error document as a string; an unknown function fails with Lambda.ResourceNotFoundException.</summary>
public sealed class LambdaIntegration(ILambdaInvoker invoker) : IResourceResolver, ITaskIntegration
{
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource.IsLambdaFunction || (request.Resource.ResourceType == "lambda" && request.Resource.ResourceName == "invoke")
            ? this
            : null;

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var wrapped = !invocation.Resource.IsLambdaFunction;
        JsonNode? payload;
        LambdaFunctionRef function;
        if (wrapped)
        {
            if (invocation.Input is not JsonObject parameters || !Json.IsString(parameters["FunctionName"], out var name))
            {
                throw new StatesException("Lambda.InvalidParameterValueException",
                    $"The Parameters of state '{invocation.StateName}' need a string FunctionName for arn:aws:states:::lambda:invoke.");
            }
            function = LambdaFunctionRef.Parse(name);
            if (parameters["Qualifier"] is { } qualifier && Json.IsString(qualifier, out var q))
            {
                function = function with { Qualifier = q };
            }
            payload = parameters.TryGetPropertyValue("Payload", out var p) ? p : new JsonObject();
        }
        else
        {
            function = LambdaFunctionRef.Parse(invocation.Resource.Text);
            payload = invocation.Input;
        }
        var result = await invoker.InvokeAsync(function, payload, cancellationToken).ConfigureAwait(false)
            ?? throw new StatesException("Lambda.ResourceNotFoundException",
                $"Function not found: {function.Arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: {AwsResponse.NewRequestId()}; Proxy: null)");
        invocation.Lambda = result.Report;
        if (result.FunctionError is { } errorType)
        {
            throw new StatesException(errorType, Json.Serialize(result.Payload));
        }
        if (!wrapped)
        {
            return result.Payload;
        }
        // The same id the function saw and logged, so its log lines can be found from the state's output.
        var requestId = result.Report?.RequestId ?? AwsResponse.NewRequestId();
        return new JsonObject
        {
            ["ExecutedVersion"] = result.ExecutedVersion,
            ["Payload"] = result.Payload?.DeepClone(),
            ["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId),
            ["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId),
            ["StatusCode"] = 200,
        };
    }
}
