namespace StepFunctions.Local.Definition;

/// <summary>How a state reads and shapes data: JSONPath's five fields or JSONata's Arguments and Output.</summary>
public enum QueryLanguage
{
    JsonPath,
    Jsonata,
}
