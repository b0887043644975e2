using Lambdas.Even;
using Lambdas.NumberGenerator;
using Lambdas.Odd;
using Lambdas.Runtime;

namespace Lambdas.Tests.Support;

/// <summary>The three functions wired as their Program.cs wires them, for in-process runs.</summary>
public static class Functions
{
    public static IInvocationHandler Create(string name) => name switch
    {
        "number-generator" => JsonHandler.Create(new NumberGeneratorHandler(Random.Shared).Handle,
            NumberGeneratorJsonContext.Default.NumberGeneratorInput, NumberGeneratorJsonContext.Default.NumberGeneratorOutput,
            NumberGeneratorHandler.Contract),
        "even" => JsonHandler.Create(new EvenHandler().Handle, EvenJsonContext.Default.EvenInput, EvenJsonContext.Default.EvenOutput,
            EvenHandler.Contract),
        "odd" => JsonHandler.Create(new OddHandler().Handle, OddJsonContext.Default.OddInput, OddJsonContext.Default.OddOutput,
            OddHandler.Contract),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown function"),
    };

    /// <summary>Valid payloads to mutate.</summary>
    public static string[] Seeds(string name) => name == "number-generator"
        ? ["{}", """{"min": 3, "max": 9}""", """{"min": 1, "max": 1000000}""", """{"max": 50}"""]
        : ["""{"number": 4}""", """{"number": 7}""", """{"number": -9223372036854775808}""", """{"number": 0, "extra": [true, null]}"""];
}
