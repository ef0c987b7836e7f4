using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

public sealed class LabPageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    // Generous: a slow, busy machine starts a session, runs kubectl and converges a Deployment in far less.
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    [Fact]
    public async Task A_learner_starts_the_lab_fails_the_check_creates_the_deployment_in_the_terminal_and_passes()
    {
        // One browser context is one learner: its pages share the learner cookie.
        await using var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, "/labs/deployments-101").ToString());
        await Expect(page.Locator("h1")).ToContainTextAsync("Deployments 101");

        await page.ClickAsync("#start-lab");
        await Expect(page.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
        var terminal = page.Locator("#terminal .xterm-rows");
        await Expect(terminal).ToContainTextAsync("learner@", Patiently);

        var task = page.Locator("section.task[data-task-id='web-deployment']");
        await task.Locator("button.check").ClickAsync();
        await Expect(task.Locator(".task-result")).ToContainTextAsync("Deployment web not found", Patiently);

        await page.Locator("#terminal").ClickAsync();
        await page.Keyboard.TypeAsync("kubectl create deployment web --image=nginx --replicas=2");
        await page.Keyboard.PressAsync("Enter");
        await Expect(terminal).ToContainTextAsync("deployment.apps/web created", Patiently);

        // The pods become available a moment later: check again until the grader agrees, as a learner would.
        await LabTasks.CheckUntilPassedAsync(page, "web-deployment");
        var result = task.Locator(".task-result");
        await Expect(result).ToContainTextAsync("Passed");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "lab-page.png") });

        // The session is the learner's (their cookie), so the same lab in another tab finds it and attaches again.
        var another = await learner.NewPageAsync();
        await another.GotoAsync(page.Url);
        await Expect(another.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
        await Expect(another.Locator("#start-lab")).ToBeHiddenAsync();
        await another.CloseAsync();

        await page.ClickAsync("#end-lab");
        await Expect(page.Locator("#session-status")).ToContainTextAsync("Lab ended", Patiently);
        await Expect(page.Locator("#start-lab")).ToBeVisibleAsync();
        await Expect(page.Locator("#end-lab")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_catalogue_lists_the_lab_and_links_to_it()
    {
        var page = await platform.Browser.NewPageAsync();
        await page.GotoAsync(platform.BaseAddress.ToString());

        await page.ClickAsync("text=Deployments 101");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/labs/deployments-101$"));
        await Expect(page.Locator("#start-lab")).ToBeVisibleAsync();
    }
}
