using Lambdas.NumberGenerator;
using Lambdas.Runtime;

// Init: build the handler once; the runtime loop then serves events until Lambda freezes or ends the process.
return await LambdaBootstrap.RunAsync(() => JsonHandler.Create(
    new NumberGeneratorHandler(Random.Shared).Handle,
    NumberGeneratorJsonContext.Default.NumberGeneratorInput,
    NumberGeneratorJsonContext.Default.NumberGeneratorOutput,
    NumberGeneratorHandler.Contract));
