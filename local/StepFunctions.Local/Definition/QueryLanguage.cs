using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Definition;

/// <summary>How a state reads and shapes data: JSONPath's five fields or JSONata's Arguments and Output.</summary>
public enum QueryLanguage
{
    JsonPath,
    Jsonata,
}

/// <summary>A state's (or a Choice rule's, or a Catcher's) Assign: JSONPath payload template or JSONata template.</summary>
public sealed record Assignment(PayloadTemplate? Paths, QueryTemplate? Query)
{
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 80 && name != "states" && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
