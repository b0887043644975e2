using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Lambda;
using StepFunctions.Local.Integrations;
using StepFunctions.Local;

namespace Workflows.Local.Tests;

/// <summary>The rendered number-processor definition with in-process functions: the Retry and Catch wiring.</summary>
public sealed class InProcessNumberProcessorTests
{
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.Load(Repo.Paths);
    private static readonly Workflow Workflow = Catalog.Find(WorkflowCatalog.NumberProcessor)!;

    [Fact]
    public async Task A_transient_Lambda_error_is_retried_until_the_function_answers()
    {
        var attempts = 0;
        var resolver = Functions(generator: _ => ++attempts < 3
            ? throw new LambdaFunctionException("Lambda.ServiceException", "Service unavailable")
            : new JsonObject { ["number"] = 10, ["is_even"] = true });

        var result = await Run(resolver);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(3, attempts);
        Assert.Equal("""{"number":10,"parity":"even"}""", result.Output!.ToJsonString());
    }

    [Fact]
    public async Task A_Lambda_error_that_outlasts_the_retries_is_caught_into_a_Fail_state()
    {
        var attempts = 0;
        var resolver = Functions(generator: _ =>
        {
            attempts++;
            throw new LambdaFunctionException("Lambda.TooManyRequestsException", "Rate exceeded");
        });

        var result = await Run(resolver);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("NumberProcessingFailed", result.Error);
        Assert.Equal(1 + 6, attempts); // the first attempt and MaxAttempts 6 retries
    }

    [Fact]
    public async Task A_wrong_parity_error_from_Even_is_caught_by_name()
    {
        var resolver = Functions(
            generator: _ => new JsonObject { ["number"] = 3, ["is_even"] = true },
            even: _ => throw new LambdaFunctionException("WrongParityException", "3 is not even"));

        var result = await Run(resolver);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("NumberProcessingFailed", result.Error);
        var failed = Assert.Single(result.History, e => e.Type == "TaskFailed");
        Assert.Contains("WrongParityException", failed.ToJson().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generator_answer_without_is_even_ends_in_InvalidGeneratorOutput()
    {
        var result = await Run(Functions(generator: _ => new JsonObject { ["number"] = 5 }));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("InvalidGeneratorOutput", result.Error);
    }

    private static IResourceResolver Functions(Func<JsonNode?, JsonNode?> generator, Func<JsonNode?, JsonNode?>? even = null) =>
        new ResolverBuilder()
            .AddFunction(Catalog.Deployment.FunctionName("number-generator"), generator)
            .AddFunction(Catalog.Deployment.FunctionName("even"), even ?? (input => new JsonObject { ["number"] = input!["number"]!.GetValue<int>(), ["parity"] = "even" }))
            .AddFunction(Catalog.Deployment.FunctionName("odd"), input => new JsonObject { ["number"] = input!["number"]!.GetValue<int>(), ["parity"] = "odd" })
            .Build();

    private static Task<ExecutionResult> Run(IResourceResolver resolver)
    {
        return WorkflowRunner.Compile(Workflow).ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver, TimeScale = 0 });
    }
}
