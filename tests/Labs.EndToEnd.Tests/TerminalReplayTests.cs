using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>The learner replays what their terminal showed, from its recording.</summary>
public sealed class TerminalReplayTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    [Fact]
    public async Task A_recording_of_the_terminal_replays_in_the_page()
    {
        await using var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, "/labs/deployments-101").ToString());
        await page.ClickAsync("#start-lab");
        var rows = page.Locator("#terminal .xterm-rows");
        await Expect(rows).ToContainTextAsync("learner@", Patiently);
        await page.Locator("#terminal").ClickAsync();
        await page.Keyboard.TypeAsync("echo recorded-$((20+3))");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToContainTextAsync("recorded-23", Patiently);

        await page.ClickAsync("#show-recordings");
        await page.Locator("#recordings-list .replay").First.ClickAsync();

        await Expect(page.Locator("#replay-screen .xterm-rows")).ToContainTextAsync("recorded-23", Patiently);
        await page.ClickAsync("#close-recordings");
        await Expect(page.Locator("#recordings")).ToBeHiddenAsync();
    }
}
