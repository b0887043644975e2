namespace StepFunctions.Service.Executions;

/// <summary>What started an execution, as the store records it and the console shows it (one word each).</summary>
public static class StartedBy
{
    /// <summary>The EventBridge Scheduler schedule.</summary>
    public const string Schedule = "schedule";

    /// <summary>An EventBridge PutEvents entry matching the custom-event rule.</summary>
    public const string Event = "event";

    /// <summary>The HTTP API's <c>POST /runs</c>.</summary>
    public const string Api = "api";

    /// <summary>StartExecution from the web console (a browser request from the server's own page).</summary>
    public const string Console = "console";

    /// <summary>StartExecution from the AWS CLI (its User-Agent starts with <c>aws-cli/</c>).</summary>
    public const string Cli = "cli";

    /// <summary>StartExecution from any other client: an AWS SDK, curl.</summary>
    public const string Sdk = "sdk";

    /// <summary>A parent execution's <c>states:startExecution</c> task.</summary>
    public const string Execution = "execution";
}
