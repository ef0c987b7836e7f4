using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>The lab page's hint and solution buttons go through the server, which remembers what was opened.</summary>
public sealed class RevealsPageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Hints_open_one_by_one_the_solution_after_a_confirmation_and_both_are_still_open_after_a_reload()
    {
        await using var learner = await platform.Browser.NewContextAsync();
        var page = await learner.NewPageAsync();
        await page.GotoAsync(new Uri(platform.BaseAddress, "/labs/deployments-101").ToString());
        var task = page.Locator("section.task[data-task-id='web-deployment']");
        var hints = task.Locator("li.task-hint");
        var button = task.Locator("button.hint");

        await button.ClickAsync();
        await Expect(hints.Nth(0)).ToBeVisibleAsync();
        await Expect(hints.Nth(1)).ToBeHiddenAsync();
        await button.ClickAsync();
        await Expect(hints.Nth(1)).ToBeVisibleAsync();
        await Expect(button).ToBeHiddenAsync();

        var solution = task.Locator("details.task-solution");
        var confirm = false;
        page.Dialog += (_, dialog) => _ = confirm ? dialog.AcceptAsync() : dialog.DismissAsync();
        await solution.Locator("summary").ClickAsync();
        await Expect(solution).Not.ToHaveAttributeAsync("open", "");
        confirm = true;
        await page.ReloadAsync();
        await Expect(hints.Nth(1)).ToBeVisibleAsync();
        await Expect(button).ToBeHiddenAsync();
        await solution.Locator("summary").ClickAsync();
        await Expect(solution).ToHaveAttributeAsync("open", "");
        await Expect(solution).ToHaveAttributeAsync("data-revealed", "true");

        var reveals = await page.APIRequest.GetAsync(new Uri(platform.BaseAddress, "/api/labs/deployments-101/reveals").ToString());
        Assert.Contains("\"hintsShown\":2,\"solutionShown\":true", await reveals.TextAsync(), StringComparison.Ordinal);
    }
}
