using System.Net;

namespace Lambdas.Runtime;

/// <summary>The Runtime API answered a call with an unexpected status; for <c>next</c> this means the runtime must exit.</summary>
public sealed class RuntimeApiException(string operation, HttpStatusCode status)
    : Exception($"Runtime API {operation} returned {(int)status} {status}.")
{
    public HttpStatusCode Status { get; } = status;
}
