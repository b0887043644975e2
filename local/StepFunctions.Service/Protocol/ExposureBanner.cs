namespace StepFunctions.Service.Protocol;

/// <summary>The start-up warning of a server bound beyond loopback: what can reach it and how to send the token.</summary>
public static class ExposureBanner
{
    public static void Print(Exposure exposure, string endpoint)
    {
        var port = new Uri(endpoint).Port;
        Console.WriteLine($"""
            WARNING: listening on {exposure.Address}, beyond this machine: anyone who can reach port {port} and has the token controls
            every execution, task token and log line here. Every request needs the access token {exposure.Token}
              browser:         http://<name>:{port}/?token={exposure.Token}   (once; then a cookie)
              AWS CLI / SDKs:  AWS_ACCESS_KEY_ID={exposure.Token} AWS_SECRET_ACCESS_KEY=any
              names answered:  {string.Join(", ", exposure.Hosts)} (add the machine's names with ALLOWED_HOSTS)
            """);
    }
}
