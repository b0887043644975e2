using Lambdas.Runtime;

namespace Lambdas.Tests.Support;

/// <summary>A raw handler made from a lambda, for runtime-loop tests.</summary>
public sealed class DelegateHandler(Func<byte[], ILambdaContext, CancellationToken, Task<byte[]>> handler) : IInvocationHandler
{
    public DelegateHandler(Func<byte[], ILambdaContext, byte[]> handler)
        : this((input, context, _) => Task.FromResult(handler(input, context)))
    {
    }

    public async ValueTask<byte[]> InvokeAsync(byte[] input, ILambdaContext context, CancellationToken cancellationToken) =>
        await handler(input, context, cancellationToken);
}
