using System.Text.Json.Nodes;
using StepFunctions.Local.InputOutput;

namespace StepFunctions.Local.Definition;

/// <summary>Builds the I/O strategy of a state, a Choice rule and a Catcher in their query language: the one
/// place the parser turns the language into a type.</summary>
internal static class IoParser
{
    /// <summary>The state's own processing fields, those its type has (<paramref name="allowed"/>). A Map's
    /// Parameters are its legacy ItemSelector, not its Parameters.</summary>
    public static StateIo State(JsonObject obj, string location, FieldReader reader, QueryLanguage language, ISet<string> allowed, bool isMap)
    {
        if (language == QueryLanguage.Jsonata)
        {
            return new JsonataIo
            {
                Arguments = allowed.Contains("Arguments") ? reader.Query(obj, "Arguments", location) : null,
                Output = allowed.Contains("Output") ? reader.Query(obj, "Output", location) : null,
                Assign = allowed.Contains("Assign") ? reader.AssignQuery(obj, location) : null,
            };
        }
        return new JsonPathIo
        {
            InputPath = reader.PathOrNull(obj, "InputPath", location),
            OutputPath = reader.PathOrNull(obj, "OutputPath", location),
            Parameters = allowed.Contains("Parameters") && !isMap ? reader.Template(obj, "Parameters", location) : null,
            ResultSelector = allowed.Contains("ResultSelector") ? reader.Template(obj, "ResultSelector", location) : null,
            ResultPath = allowed.Contains("ResultPath") ? reader.ResultPath(obj, "ResultPath", location) : Paths.ResultPathField.Root,
            Assign = allowed.Contains("Assign") ? reader.AssignPaths(obj, location) : null,
        };
    }

    /// <summary>A Choice rule brings its own Assign (and in JSONata its own Output); JSONPath keeps the state's
    /// InputPath and OutputPath.</summary>
    public static StateIo Rule(StateIo state, JsonObject rule, string ruleLocation, string stateLocation, int index, FieldReader reader)
    {
        if (state is JsonPathIo paths)
        {
            return paths with { Assign = reader.AssignPaths(rule, ruleLocation) };
        }
        var assign = reader.AssignQuery(rule, ruleLocation, $"Choices[{index}]/Assign", stateLocation);
        return new JsonataIo { Assign = assign, Output = reader.Query(rule, "Output", stateLocation, $"Choices[{index}]/Output") };
    }

    /// <summary>A Catcher shapes the error output: JSONPath with ResultPath and Assign, JSONata with Output and
    /// Assign (where <c>$states.errorOutput</c> exists).</summary>
    public static StateIo Catcher(JsonObject catcher, string catcherLocation, string stateLocation, int index, FieldReader reader, QueryLanguage language)
    {
        if (language == QueryLanguage.Jsonata)
        {
            var assign = reader.AssignQuery(catcher, catcherLocation, $"Catch[{index}]/Assign", stateLocation, inCatch: true);
            return new JsonataIo { Assign = assign, Output = reader.Query(catcher, "Output", stateLocation, $"Catch[{index}]/Output", inCatch: true) };
        }
        var resultPath = reader.ResultPath(catcher, "ResultPath", catcherLocation);
        return new JsonPathIo { ResultPath = resultPath, Assign = reader.AssignPaths(catcher, catcherLocation) };
    }
}
