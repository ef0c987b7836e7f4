using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Labs.EndToEnd.Tests;

/// <summary>What a learner does with a lab page's tasks.</summary>
internal static partial class LabTasks
{
    /// <summary>
    /// Presses the task's Check until it passes (pods take a moment to become ready after the command that makes them),
    /// as a learner would, for at most two minutes; then asserts that it passed.
    /// </summary>
    public static async Task CheckUntilPassedAsync(IPage page, string taskId)
    {
        var task = page.Locator($"section.task[data-task-id='{taskId}']");
        var result = task.Locator(".task-result");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await task.Locator("button.check").ClickAsync();
            await Expect(task.Locator("button.check")).ToBeEnabledAsync(new() { Timeout = 60_000 });
            if ((await result.GetAttributeAsync("class") ?? string.Empty).Contains("passed", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        await Expect(result).ToHaveClassAsync(PassedClass());
    }

    [GeneratedRegex("passed")]
    private static partial Regex PassedClass();
}
