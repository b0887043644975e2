namespace Build.Packaging;

/// <summary>A problem the user can fix; its message names the file and the fix, and is printed without a stack trace.</summary>
public sealed class PackagingException(string message) : Exception(message);
