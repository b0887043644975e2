using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.InputOutput;

/// <summary>How a state reads its input and shapes its output and variables, in the one query language the
/// parser chose for it: <see cref="JsonPathIo"/> or <see cref="JsonataIo"/>. A state's executor calls these
/// operations in its own order and never asks which language it is in. Each operation records the steps it
/// performs for TestState through the <see cref="Inspector"/> it is given (none: the step is not reported).</summary>
public abstract record StateIo
{
    /// <summary>What the state's work and settings read: JSONPath's InputPath applied, JSONata's <c>$states.input</c>.</summary>
    public abstract JsonNode? ReadInput(JsonNode? input, StateContext context, Inspector? inspect);

    /// <summary>A task's parameters, a Parallel branch's input, a Pass state's value: JSONPath's Parameters on
    /// the effective input, JSONata's Arguments; either defaults to that input.</summary>
    public abstract JsonNode? BuildArguments(JsonNode? input, JsonNode? effective, StateContext context, Inspector? inspect);

    /// <summary>How a state without a result of its own ends (Pass, Choice, Wait, Succeed): JSONPath places
    /// <paramref name="value"/> (its effective input or, for Pass, its value) at ResultPath, then OutputPath, and its
    /// Assign reads <paramref name="value"/>; JSONata evaluates Output (default: the input) and Assign.</summary>
    public abstract Concluded Conclude(JsonNode? input, JsonNode? value, StateContext context, Inspector? inspect);

    /// <summary>How Task, Map and Parallel end with the <paramref name="result"/> of their work.</summary>
    public Concluded ConcludeResult(JsonNode? input, JsonNode? result, StateContext context, Inspector? inspect)
    {
        inspect?.Invoke(InspectionStage.Result, result);
        return WithResult(input, result, context, inspect);
    }

    /// <summary>A Catcher's output and variables from the error output <c>{"Error", "Cause"}</c>.</summary>
    public abstract Concluded Caught(JsonNode? input, JsonObject errorOutput, StateContext context);

    /// <summary>JSONPath: ResultSelector, then as <see cref="Conclude"/>; JSONata: <c>$states.result</c> bound.</summary>
    protected abstract Concluded WithResult(JsonNode? input, JsonNode? result, StateContext context, Inspector? inspect);
}

/// <summary>A state's output and the variables its Assign produced (null: none).</summary>
public readonly record struct Concluded(JsonNode? Output, JsonObject? Assigned);
