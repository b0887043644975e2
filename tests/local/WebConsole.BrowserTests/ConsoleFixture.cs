using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace WebConsole.BrowserTests;

/// <summary>One server and one headless Chromium for all the console tests (starting either takes seconds).
/// The simulated container exits 1, so container-task runs take their failure path.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleServer Service { get; private set; } = null!;
    public ChromeDriver Driver { get; private set; } = null!;

    /// <summary>Where the tests leave screenshots (README's come from here): artifacts/console/screenshots/.</summary>
    public static string Screenshots { get; } = Path.Combine(ConsoleServer.RepositoryRoot, "artifacts", "console", "screenshots");

    public async Task InitializeAsync()
    {
        Service = await ConsoleServer.StartAsync();
        // Debian's chromium and chromedriver (build/prerequisites.sh); naming both keeps Selenium Manager
        // from trying to download a browser or a driver.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Find("chromedriver"))!, "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Find("chromium") };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }

    public string Url(string path) => new Uri(Service.Endpoint, path).ToString();

    private static string Find(string command)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, command);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException($"'{command}' is not on PATH: install Debian's chromium and chromium-driver (make prerequisites does).");
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
