using System.Net;

namespace Lambdas.Runtime;

/// <summary>
/// The Runtime API could not be used: it answered with an unexpected status (for <c>next</c>, a 500 means the
/// runtime must exit) or the connection failed.
/// </summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string operation, HttpStatusCode status)
        : base($"Runtime API {operation} returned {(int)status} {status}.") => Status = status;

    public RuntimeApiException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>The status the API answered with; null when no answer arrived.</summary>
    public HttpStatusCode? Status { get; }
}
