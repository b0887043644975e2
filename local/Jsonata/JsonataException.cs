namespace Jsonata;

/// <summary>
/// Every failure of the engine, parse or evaluation: <see cref="Code"/> is JSONata's error code
/// (S0xxx syntax, T0xxx/T1xxx/T2xxx type, D1xxx–D3xxx evaluation, U1001/U1002 limits) and
/// <see cref="Position"/> the character offset in the expression source (0 when unknown).
/// </summary>
public class JsonataException : Exception
{
    public JsonataException(string code, int position, string message, string? token = null)
        : base(message)
    {
        Code = code;
        Position = position;
        Token = token;
    }

    /// <summary>JSONata's error code, e.g. "S0202", "T2001", "D3030".</summary>
    public string Code { get; }

    /// <summary>Character offset in the expression where the error was detected.</summary>
    public int Position { get; }

    /// <summary>The token or value the error is about, when there is one.</summary>
    public string? Token { get; }
}

/// <summary>
/// The evaluation exceeded <see cref="JsonataEnvironment.MaxDepth"/> (code U1001),
/// <see cref="JsonataEnvironment.Timeout"/> (code U1002), or a bound a host function sets (a memory limit). A host
/// maps it to its own error; its message stands alone, without the code.
/// </summary>
public sealed class JsonataLimitException(string code, string message) : JsonataException(code, 0, message)
{
    /// <summary>A memory bound (code U1003), in the words AWS Step Functions uses for its own.</summary>
    public static JsonataLimitException MemoryLimit() =>
        new("U1003", "Expression evaluation memory limit exceeded: Check for excessive memory usage");
}
