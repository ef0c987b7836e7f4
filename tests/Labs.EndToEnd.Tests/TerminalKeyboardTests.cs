using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>The terminal as a keyboard user meets it: Tab completion, a way out by keyboard, and Run buttons.</summary>
public sealed class TerminalKeyboardTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 120_000 };

    /// <summary>Retries an attempt whose assertion times out, for up to two minutes.</summary>
    private static async Task UntilAsync(Func<Task> attempt)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Not yet: try again.
            }
        }
    }

    private async Task<(IBrowserContext Learner, IPage Page, ILocator Terminal)> StartAsync(string lab)
    {
        var learner = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, $"/labs/{lab}").ToString());
        await page.ClickAsync("#start-lab");
        var terminal = page.Locator("#terminal .xterm-rows");
        await Expect(terminal).ToContainTextAsync("learner@", Patiently);
        return (learner, page, terminal);
    }

    [Fact]
    public async Task Tab_completes_kubectl_and_k_commands_without_errors()
    {
        var (learner, page, terminal) = await StartAsync("configmaps-101");
        await using (learner)
        {
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.TypeAsync("kubectl get configm");
            await page.Keyboard.PressAsync("Tab");
            await Expect(terminal).ToContainTextAsync("kubectl get configmaps", Patiently);
            await page.Keyboard.PressAsync("Enter");
            await Expect(terminal).ToContainTextAsync("legacy", Patiently);

            await page.Keyboard.TypeAsync("k get deployme");
            await page.Keyboard.PressAsync("Tab");
            await Expect(terminal).ToContainTextAsync("k get deployments", Patiently);
            await Expect(terminal).Not.ToContainTextAsync("command not found");
        }
    }

    [Fact]
    public async Task Esc_then_Tab_leaves_the_terminal_and_a_lone_Esc_still_reaches_the_shell()
    {
        var (learner, page, terminal) = await StartAsync("deployments-101");
        await using (learner)
        {
            var textarea = page.Locator("#terminal textarea");
            await page.Locator("#terminal").ClickAsync();
            await Expect(textarea).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Tab");
            await Expect(textarea).ToBeFocusedAsync(); // Tab alone is the shell's (completion).
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("Tab");
            await Expect(textarea).Not.ToBeFocusedAsync();
            Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement === document.body"));

            // Esc followed by another key is the shell's: Esc . inserts the last argument of the previous command.
            await textarea.FocusAsync();
            await page.Keyboard.TypeAsync("echo hello-esc");
            await page.Keyboard.PressAsync("Enter");
            await Expect(terminal).ToContainTextAsync("hello-esc", Patiently);
            await page.Keyboard.TypeAsync("echo again ");
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync(".");
            await page.Keyboard.PressAsync("Enter");
            await Expect(terminal).ToContainTextAsync("again hello-esc", Patiently);
        }
    }

    [Fact]
    public async Task Run_replaces_what_is_half_typed_on_the_prompt()
    {
        var (learner, page, terminal) = await StartAsync("deployments-101");
        await using (learner)
        {
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.TypeAsync("kubectl get");

            await page.Locator("pre.run .run-button").First.ClickAsync();

            await Expect(terminal).ToContainTextAsync("deployment.apps/web created", Patiently);
            await Expect(terminal).Not.ToContainTextAsync("getkubectl");
        }
    }

    [Fact]
    public async Task Run_refuses_to_type_into_a_running_command_and_works_once_it_ends()
    {
        var (learner, page, terminal) = await StartAsync("deployments-101");
        await using (learner)
        {
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.TypeAsync("sleep 600");
            await page.Keyboard.PressAsync("Enter");
            var run = page.Locator("pre.run .run-button").First;

            // The shell marks the command as running a moment after Enter: click until the page knows.
            await UntilAsync(async () =>
            {
                await run.ClickAsync();
                await Expect(page.Locator("#session-status")).ToContainTextAsync("A command is still running", new() { Timeout = 1000 });
            });
            await Expect(terminal).Not.ToContainTextAsync("kubectl create deployment");

            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.PressAsync("Control+C");
            await UntilAsync(async () =>
            {
                await run.ClickAsync();
                await Expect(terminal).ToContainTextAsync("deployment.apps/web created", new() { Timeout = 5000 });
            });
        }
    }

    [Fact]
    public async Task Ctrl_Shift_C_copies_the_selection_and_Ctrl_C_still_interrupts()
    {
        var (learner, page, terminal) = await StartAsync("deployments-101");
        await using (learner)
        {
            await learner.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = platform.BaseAddress.GetLeftPart(UriPartial.Authority) });
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.TypeAsync("echo copy-this-word");
            await page.Keyboard.PressAsync("Enter");
            // The output row itself, not the command line above it that also holds the word (it is drawn first).
            var output = page.Locator("#terminal .xterm-rows > div", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*copy-this-word") }).Last;
            await Expect(output).ToBeVisibleAsync();

            // The rows sit under xterm's own layers: double-click where the word is drawn, as a person would.
            var box = await output.BoundingBoxAsync() ?? throw new InvalidOperationException("the output row has no box");
            await page.Mouse.DblClickAsync(box.X + 40, box.Y + (box.Height / 2));
            await page.Keyboard.PressAsync("Control+Shift+C");

            Assert.Contains("copy", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
            await page.Keyboard.TypeAsync("sleep 600");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Control+C");
            await page.Keyboard.TypeAsync("echo after-interrupt");
            await page.Keyboard.PressAsync("Enter");
            await Expect(terminal).ToContainTextAsync("after-interrupt\n", Patiently);
        }
    }

    [Fact]
    public async Task Screen_reader_mode_gives_assistive_technology_the_terminals_output_and_is_remembered()
    {
        var (learner, page, terminal) = await StartAsync("deployments-101");
        await using (learner)
        {
            await page.ClickAsync("#screen-reader");
            await Expect(page.Locator("#screen-reader")).ToHaveAttributeAsync("aria-pressed", "true");
            await page.Locator("#terminal").ClickAsync();
            await page.Keyboard.TypeAsync("echo read-me-aloud");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page.Locator("#terminal .xterm-accessibility-tree")).ToContainTextAsync("read-me-aloud", Patiently);
            await page.ReloadAsync();
            await Expect(page.Locator("#screen-reader")).ToHaveAttributeAsync("aria-pressed", "true");
        }
    }
}
