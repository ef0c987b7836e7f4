using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>The shell outlives the page: a reload, a dropped connection and a second tab all find the same one.</summary>
public sealed partial class TerminalReattachTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    private async Task<(IBrowserContext Learner, IPage Page)> StartAsync(string lab, Action<IPage>? beforeStart = null)
    {
        var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await learner.NewPageAsync();
        beforeStart?.Invoke(page);
        await page.GotoAsync(new Uri(platform.BaseAddress, $"/labs/{lab}").ToString());
        await page.ClickAsync("#start-lab");
        await Expect(Rows(page)).ToContainTextAsync("learner@", Patiently);
        return (learner, page);
    }

    private static ILocator Rows(IPage page) => page.Locator("#terminal .xterm-rows");

    private static async Task RunAsync(IPage page, string command)
    {
        await page.Locator("#terminal").ClickAsync();
        await page.Keyboard.TypeAsync(command);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>How often <paramref name="text"/> is on the terminal's screen.</summary>
    private static async Task<int> CountOnScreenAsync(IPage page, string text) =>
        Regex.Count(await Rows(page).InnerTextAsync(), Regex.Escape(text));

    [Fact]
    public async Task A_reload_returns_to_the_same_shell_with_its_screen_once()
    {
        var (learner, page) = await StartAsync("deployments-101");
        await using (learner)
        {
            await RunAsync(page, "export LABS_MARK=set-before-reload");
            await RunAsync(page, "echo marker-$((6*7))");
            await Expect(Rows(page)).ToContainTextAsync("marker-42", Patiently);

            await page.ReloadAsync();

            await Expect(Rows(page)).ToContainTextAsync("marker-42", Patiently);
            await Expect(page.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
            await RunAsync(page, "echo \"mark=$LABS_MARK\"");
            await Expect(Rows(page)).ToContainTextAsync("mark=set-before-reload", Patiently);
            Assert.Equal(1, await CountOnScreenAsync(page, "export LABS_MARK=set-before-reload"));
            Assert.Equal(1, await CountOnScreenAsync(page, "marker-42"));
        }
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_to_the_same_shell_with_nothing_lost_or_repeated()
    {
        var sockets = new List<IWebSocketRoute>();
        var (learner, page) = await StartAsync("deployments-101", page => page.RouteWebSocketAsync(new Regex("/hubs/terminal"), ws =>
        {
            ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(ws);
            }
        }).GetAwaiter().GetResult());
        await using (learner)
        {
            await RunAsync(page, "export LABS_MARK=set-before-the-drop");
            await RunAsync(page, "(sleep 3; echo printed-while-$((1+1))-away) &");
            await Expect(Rows(page)).ToContainTextAsync("learner@", Patiently);

            IWebSocketRoute current;
            lock (sockets)
            {
                current = sockets[^1];
            }

            await current.CloseAsync(new() { Code = 4000, Reason = "network dropped" });
            await Expect(page.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
            await Expect(Rows(page)).ToContainTextAsync("printed-while-2-away", Patiently);
            await RunAsync(page, "echo \"mark=$LABS_MARK\"");

            await Expect(Rows(page)).ToContainTextAsync("mark=set-before-the-drop", Patiently);
            Assert.True(sockets.Count >= 2, "the page opened a new connection");
            Assert.Equal(1, await CountOnScreenAsync(page, "export LABS_MARK=set-before-the-drop"));
            Assert.Equal(1, await CountOnScreenAsync(page, "printed-while-2-away"));
        }
    }

    [Fact]
    public async Task A_second_browser_tab_shows_the_same_shell_and_sees_what_the_first_types()
    {
        var (learner, page) = await StartAsync("deployments-101");
        await using (learner)
        {
            await RunAsync(page, "export LABS_MARK=shared-between-tabs");
            var second = await learner.NewPageAsync();
            await second.GotoAsync(page.Url);
            await Expect(Rows(second)).ToContainTextAsync("LABS_MARK=shared-between-tabs", Patiently);

            await RunAsync(second, "echo \"second=$LABS_MARK\"");

            await Expect(Rows(second)).ToContainTextAsync("second=shared-between-tabs", Patiently);
            await Expect(Rows(page)).ToContainTextAsync("second=shared-between-tabs", Patiently);
        }
    }

    [Fact]
    public async Task A_new_shell_in_the_same_home_has_the_history_of_the_last_one()
    {
        var (learner, page) = await StartAsync("deployments-101");
        await using (learner)
        {
            await RunAsync(page, "echo remembered-$((2+3))");
            await Expect(Rows(page)).ToContainTextAsync("remembered-5", Patiently);
            // The shell is killed, not exited: it never writes its history on the way out, as after a platform restart.
            await RunAsync(page, "kill -KILL $$");
            await Expect(page.Locator("#reconnect")).ToBeVisibleAsync(new() { Timeout = 120_000 });

            await page.ClickAsync("#reconnect");
            await Expect(page.Locator("#session-status")).ToContainTextAsync("Connected", Patiently);
            await Expect(Rows(page)).Not.ToContainTextAsync("remembered-5", Patiently);
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.PressAsync("ArrowUp");

            await Expect(Rows(page)).ToContainTextAsync("echo remembered-$((2+3))", Patiently);
        }
    }
}
