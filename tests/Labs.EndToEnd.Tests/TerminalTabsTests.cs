using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>Several terminals per lab, kept across a reload, and searching what a terminal printed.</summary>
public sealed class TerminalTabsTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    private static ILocator Rows(IPage page, string terminal) => page.Locator($"#terminal-pane-{terminal} .xterm-rows");

    private async Task<IPage> StartAsync(IBrowserContext learner)
    {
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, "/labs/deployments-101").ToString());
        await page.ClickAsync("#start-lab");
        await Expect(Rows(page, "1")).ToContainTextAsync("learner@", Patiently);
        return page;
    }

    [Fact]
    public async Task A_second_terminal_is_its_own_shell_and_both_come_back_after_a_reload()
    {
        await using var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await StartAsync(learner);
        await page.Locator("#terminal-pane-1").ClickAsync();
        await page.Keyboard.TypeAsync("export WHERE=first-tab");
        await page.Keyboard.PressAsync("Enter");

        await page.ClickAsync("#add-terminal");
        await Expect(Rows(page, "2")).ToContainTextAsync("learner@", Patiently);
        await Expect(page.Locator("#terminal-pane-1")).ToBeHiddenAsync();
        await page.Locator("#terminal-pane-2").ClickAsync();
        await page.Keyboard.TypeAsync("echo \"second sees [$WHERE]\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Rows(page, "2")).ToContainTextAsync("second sees []", Patiently);

        await page.ReloadAsync();

        await Expect(page.Locator("#terminal-tab-2")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await page.ClickAsync("#terminal-tab-1");
        await page.Locator("#terminal-pane-1").ClickAsync();
        await page.Keyboard.TypeAsync("echo \"first has [$WHERE]\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Rows(page, "1")).ToContainTextAsync("first has [first-tab]", Patiently);

        await page.ClickAsync("#terminal-tab-2");
        await page.ClickAsync("[aria-label='Close terminal 2']");
        await Expect(page.Locator("#terminal-tab-2")).ToHaveCountAsync(0);
        await Expect(page.Locator("#terminal-pane-1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_search_box_finds_text_in_the_terminals_output()
    {
        await using var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await StartAsync(learner);
        await page.Locator("#terminal-pane-1").ClickAsync();
        await page.Keyboard.TypeAsync("echo needle-$((3*3))");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Rows(page, "1")).ToContainTextAsync("needle-9", Patiently);

        await page.FillAsync("#terminal-search", "needle-9");
        await page.PressAsync("#terminal-search", "Enter");
        await Expect(page.Locator("#terminal-search")).ToHaveAttributeAsync("data-found", "true");

        await page.FillAsync("#terminal-search", "haystack-not-printed");
        await page.PressAsync("#terminal-search", "Enter");
        await Expect(page.Locator("#terminal-search")).ToHaveAttributeAsync("data-found", "false");
    }
}
