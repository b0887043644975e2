using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Service;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;
using StepFunctions.Service.Triggers;
using Workflows.Local;

// sfn-service: `make console`. Every option has an environment variable so `make console PORT=9000` works.
static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

var portOption = new Option<int>("--port") { Description = "TCP port (env PORT; 0 picks a free one)", DefaultValueFactory = _ => int.Parse(Env("PORT") ?? "8083", CultureInfo.InvariantCulture) };
var hostOption = new Option<string>("--host") { Description = "Address to listen on (env HOST); 127.0.0.1 keeps the server private to this machine", DefaultValueFactory = _ => Env("HOST") ?? "127.0.0.1" };
var dbOption = new Option<string?>("--db") { Description = "SQLite file (env SFN_DB; default artifacts/console/sfn.db)", DefaultValueFactory = _ => Env("SFN_DB") };
var timeScaleOption = new Option<double>("--time-scale") { Description = "Wait/retry time multiplier (env TIME_SCALE): 1 = real time, 0 = instant", DefaultValueFactory = _ => double.Parse(Env("TIME_SCALE") ?? "1", CultureInfo.InvariantCulture) };
var ecsExitOption = new Option<int>("--ecs-exit-code") { Description = "Exit code of the simulated ECS container (env ECS_EXIT_CODE; non-zero fails the task)", DefaultValueFactory = _ => int.Parse(Env("ECS_EXIT_CODE") ?? "0", CultureInfo.InvariantCulture) };
var mockOption = new Option<string?>("--mock-config") { Description = "Step Functions Local MockConfigFile (env SFN_MOCK_CONFIG) for stateMachineArn#TestCase", DefaultValueFactory = _ => Env("SFN_MOCK_CONFIG") };
var allowedHostsOption = new Option<string?>("--allowed-hosts") { Description = "More names the server is reached by, comma-separated (env ALLOWED_HOSTS); other Host headers are refused (DNS rebinding)", DefaultValueFactory = _ => Env("ALLOWED_HOSTS") };
var tokenOption = new Option<string?>("--token") { Description = "Access token when HOST is beyond loopback (env SFN_TOKEN; default: one made at start)", DefaultValueFactory = _ => Env("SFN_TOKEN") };
// The orchestrator's schedule, as deployed unless set here (README: "The triggers").
var scheduleOption = new Option<string?>("--schedule") { Description = "on|off: run the orchestrator's schedule or not (env SCHEDULE; default: as deployed, terraform/deployment.json)", DefaultValueFactory = _ => Env("SCHEDULE") };
var scheduleExpressionOption = new Option<string?>("--schedule-expression") { Description = "Another schedule expression, cron(...) with AWS's six fields or rate(...) (env SCHEDULE_EXPRESSION)", DefaultValueFactory = _ => Env("SCHEDULE_EXPRESSION") };
var scheduleTimeZoneOption = new Option<string?>("--schedule-timezone") { Description = "Another IANA time zone for the schedule (env SCHEDULE_TIMEZONE)", DefaultValueFactory = _ => Env("SCHEDULE_TIMEZONE") };
var rootOption = new Option<string?>("--root") { Description = "Repository root (default: found from the current folder)" };

var command = new RootCommand("AWS Step Functions' API on localhost, with the project's workflows deployed")
{
    portOption, hostOption, dbOption, timeScaleOption, ecsExitOption, mockOption, allowedHostsOption, tokenOption, rootOption,
    scheduleOption, scheduleExpressionOption, scheduleTimeZoneOption,
};
var limits = new LimitOptions();
limits.AddTo(command);
command.SetAction(async (parsed, cancellationToken) =>
{
    try
    {
        var paths = parsed.GetValue(rootOption) is { } root ? new RunPaths(root) : RunPaths.FindFrom(Environment.CurrentDirectory);
        var consoleDirectory = Path.Combine(paths.Root, "artifacts", "console");
        if (!IPAddress.TryParse(parsed.GetValue(hostOption), out var address))
        {
            throw new StartupException($"--host/HOST must be an IP address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), not '{parsed.GetValue(hostOption)}'.");
        }
        var exposure = Exposure.Create(address, parsed.GetValue(allowedHostsOption), parsed.GetValue(tokenOption));
        var mockConfig = parsed.GetValue(mockOption) is { } mockPath ? MockConfig.Load(mockPath) : null;

        await using var store = SqliteStore.Open(parsed.GetValue(dbOption) ?? Path.Combine(consoleDirectory, "sfn.db"), parsed.GetValue(limits.QueuedWrites));
        var catalog = WorkflowCatalog.Load(paths);
        var withLambda = File.Exists(paths.Manifest);
        if (!withLambda)
        {
            Console.Error.WriteLine($"sfn-service: no Lambda packages at {paths.Manifest} (run `make package`); Lambda tasks will fail with Lambda.ResourceNotFoundException.");
        }
        IReadOnlyCollection<string> wired = withLambda ? [.. catalog.Names.SelectMany(catalog.WiredFunctions).Distinct()] : [];
        // The console keeps its SNS outbox and DynamoDB tables beside its database (artifacts/console), apart from make run's.
        await using var integrations = LocalIntegrations.Create(paths, Path.GetDirectoryName(store.Path)!, parsed.GetValue(ecsExitOption), catalog, wired, FailingJobs.FromEnvironment());
        await using var executions = new ExecutionManager(store, new ExecutionSettings
        {
            TimeScale = parsed.GetValue(timeScaleOption),
            Subscribers = [integrations.Notifications],
            MaxCompiledMachines = parsed.GetValue(limits.CompiledMachines),
            MaxExpressRuns = parsed.GetValue(limits.ExpressRuns),
            Resolvers = (testCase, machineName) => testCase is not null && mockConfig is not null
                ? integrations.NewResolver().WithMockConfig(mockConfig, testCase, machineName)
                : integrations.NewResolver(),
        });
        var machines = await WorkflowDeployment.DeployAsync(store, catalog);
        var service = new LocalService(store, executions, mockConfig, parsed.GetValue(limits.LiveStreams))
        {
            Tables = integrations.Tables,
            JobNets = LocalResources.JobNets(catalog),
        };
        var resumed = executions.ResumeAll();
        var triggers = new OrchestratorTriggers(catalog.Deployment, OrchestratorTriggers.LocalScheduleOf(catalog.Deployment.Triggers.Schedule,
            parsed.GetValue(scheduleOption), parsed.GetValue(scheduleExpressionOption), parsed.GetValue(scheduleTimeZoneOption)));
        await using var schedule = new ScheduleRunner(service, triggers, new ScheduleClock(parsed.GetValue(timeScaleOption), TimeProvider.System));

        var app = BuildApp(exposure, parsed.GetValue(portOption), service, triggers, schedule);
        await app.StartAsync(cancellationToken);
        var endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Before the address line: whoever waits for that line has seen the warning.
        if (exposure.Exposed)
        {
            ExposureBanner.Print(exposure, endpoint);
        }
        Console.WriteLine($"Step Functions API and web console on {endpoint} (database {Path.GetRelativePath(paths.Root, store.Path)})");
        foreach (var machine in machines)
        {
            Console.WriteLine($"  {machine.Arn}");
        }
        if (resumed > 0)
        {
            Console.WriteLine($"Resumed {resumed} execution(s) that were running when the server last stopped.");
        }
        Console.WriteLine($"Triggers of {triggers.TargetArn}: schedule {triggers.ScheduleName} {triggers.Schedule.Expression.Text} "
            + $"{(triggers.Schedule.Enabled ? "ENABLED" : "DISABLED (SCHEDULE=on enables it)")}, events {triggers.EventSource} / {triggers.EventDetailType} on {triggers.EventBusName}, POST {endpoint}{RunsRoute.Path}");
        Console.WriteLine($"Try: aws stepfunctions --endpoint-url {endpoint} list-state-machines    (Ctrl-C stops)");
        await app.WaitForShutdownAsync(cancellationToken);
        await app.DisposeAsync();
        return 0;
    }
    // RunException: the workflows' deployment (terraform/deployment.json, templates, packages) needs fixing.
    catch (Exception e) when (e is StartupException or RunException or MockConfigException or InvalidOperationException or IOException or ExposureException or FormatException)
    {
        await Console.Error.WriteLineAsync($"sfn-service: {e.Message}");
        return 2;
    }
});
return await command.Parse(args).InvokeAsync();

static WebApplication BuildApp(Exposure exposure, int port, LocalService service, OrchestratorTriggers triggers, ScheduleRunner schedule)
{
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        ContentRootPath = AppContext.BaseDirectory,
        WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
    });
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel(kestrel =>
    {
        kestrel.Listen(exposure.Address, port);
        kestrel.Limits.MaxRequestBodySize = ApiEndpoint.MaxDrainedBytes;
    });
    var app = builder.Build();
    // Before anything is served: headers on every answer, then the Host/Origin check, then the token (exposed only).
    app.UseSecurityHeaders().UseHostFilter(exposure).UseAccessToken(exposure);
    var endpoint = new ApiEndpoint([.. service.Apis(), PutEventsOperation.Api(service, triggers)]);
    app.MapPost("/", endpoint.HandleAsync);
    app.MapGet(LiveStream.Path, (HttpContext http) => LiveStream.HandleAsync(http, service));
    // The orchestrator's triggers (Triggers/): POST /runs (the HTTP API), Scheduler's reads of the schedule.
    app.MapPost(RunsRoute.Path, (HttpContext http) => RunsRoute.HandleAsync(http, service, triggers));
    app.MapGet(ScheduleRoutes.ListPath, (HttpContext http) => ScheduleRoutes.ListAsync(http, triggers));
    app.MapGet(ScheduleRoutes.GetPath, (HttpContext http, string name) => ScheduleRoutes.GetAsync(http, name, service, triggers, schedule));
    // The web console: static files, and index.html for any other GET so deep links work.
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.MapFallback(async http =>
    {
        var index = Path.Combine(app.Environment.WebRootPath, "index.html");
        if (http.Request.Method != "GET" || !File.Exists(index))
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync("Not found. The Step Functions API is POST / with an X-Amz-Target header.");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.SendFileAsync(index);
    });
    return app;
}
