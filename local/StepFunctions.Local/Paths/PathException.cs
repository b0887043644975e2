using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

/// <summary>A path that is not valid syntax (found while parsing the definition).</summary>
public sealed class PathSyntaxException(string message) : Exception(message);
