using Lambdas.JobNet;
using Lambdas.Runtime;

// Init: build the handler once; the runtime loop then serves events until Lambda freezes or ends the process.
return await LambdaBootstrap.RunAsync(() => JsonHandler.Create(
    new JobNetHandler().Handle,
    JobNetJsonContext.Default.JobNetRequest,
    JobNetJsonContext.Default.JobNetResponse,
    JobNetHandler.Contract));
