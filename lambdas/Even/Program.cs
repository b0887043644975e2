using Lambdas.Even;
using Lambdas.Runtime;

// Init: build the handler once; the runtime loop then serves events until Lambda freezes or ends the process.
return await LambdaBootstrap.RunAsync(() => JsonHandler.Create(
    new EvenHandler().Handle,
    EvenJsonContext.Default.EvenInput,
    EvenJsonContext.Default.EvenOutput,
    EvenHandler.Contract));
