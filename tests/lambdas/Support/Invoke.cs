using System.Text;
using Lambdas.Runtime;

namespace Lambdas.Tests.Support;

/// <summary>Runs a handler the way the loop does (raw bytes in, raw bytes out), without HTTP.</summary>
public static class Invoke
{
    public static async Task<string> RawAsync(IInvocationHandler handler, string body, TestContext? context = null)
    {
        var output = await handler.InvokeAsync(Encoding.UTF8.GetBytes(body), context ?? new TestContext(), CancellationToken.None);
        return Encoding.UTF8.GetString(output);
    }

    public static async Task<TException> FailsAsync<TException>(IInvocationHandler handler, string body)
        where TException : Exception =>
        await Assert.ThrowsAsync<TException>(() => RawAsync(handler, body));
}
