namespace Lambdas.Runtime;

/// <summary>Turns one event body into one response body. Throwing reports an invocation error.</summary>
public interface IInvocationHandler
{
    ValueTask<byte[]> InvokeAsync(byte[] input, ILambdaContext context, CancellationToken cancellationToken);
}
