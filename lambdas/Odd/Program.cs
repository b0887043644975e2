using Lambdas.Odd;
using Lambdas.Runtime;

// Init: build the handler once; the runtime loop then serves events until Lambda freezes or ends the process.
return await LambdaBootstrap.RunAsync(() => JsonHandler.Create(
    new OddHandler().Handle,
    OddJsonContext.Default.OddInput,
    OddJsonContext.Default.OddOutput,
    OddHandler.Contract));
