using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>The Helm lab done as a learner does it: commands typed into the browser terminal, each task checked.</summary>
public sealed partial class HelmLabTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    // Generous: a slow, busy machine starts a session and converges a release in far less.
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    [Fact]
    public async Task A_learner_adds_the_librarys_chart_repository_installs_a_version_and_upgrades_it_in_the_terminal()
    {
        await using var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, "/labs/helm-repositories").ToString());
        await Expect(page.Locator("h1")).ToContainTextAsync("Charts from a repository");
        await page.ClickAsync("#start-lab");
        await Expect(page.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
        var terminal = page.Locator("#terminal .xterm-rows");
        await Expect(terminal).ToContainTextAsync("learner@", Patiently);
        await page.Locator("#terminal").ClickAsync();

        // Helm's completion is there: "helm rep" and Tab completes the subcommand.
        await page.Keyboard.TypeAsync("helm rep");
        await page.Keyboard.PressAsync("Tab");
        await Expect(terminal).ToContainTextAsync("helm repo ", Patiently);
        await page.Keyboard.PressAsync("Control+U");

        await RunAsync(page, "helm repo add labs \"$LABS_CHARTS\"", "\"labs\" has been added to your repositories");
        await CheckUntilPassedAsync(page, "repo-added");
        await RunAsync(page, "helm search repo labs/webapp --versions", "labs/webapp");
        await Expect(terminal).ToContainTextAsync(WebappVersions(), Patiently);

        await RunAsync(page, "helm install site labs/webapp --version 1.0.0 --set replicaCount=2 --wait", "STATUS: deployed");
        await CheckUntilPassedAsync(page, "installed");
        await RunAsync(page, "helm upgrade site labs/webapp --version 1.1.0 --reuse-values --wait", "has been upgraded. Happy Helming!");
        await CheckUntilPassedAsync(page, "upgraded");

        await page.ClickAsync("#end-lab");
        await Expect(page.Locator("#session-status")).ToContainTextAsync("Lab ended", Patiently);
    }

    private static async Task RunAsync(IPage page, string command, string expected)
    {
        await page.Keyboard.TypeAsync(command);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#terminal .xterm-rows")).ToContainTextAsync(expected, Patiently);
    }

    private static async Task CheckUntilPassedAsync(IPage page, string taskId)
    {
        await LabTasks.CheckUntilPassedAsync(page, taskId);
        await page.Locator("#terminal").ClickAsync();
    }

    [GeneratedRegex(@"labs/webapp\s+1\.0\.0\s+1\.25")]
    private static partial Regex WebappVersions();
}
