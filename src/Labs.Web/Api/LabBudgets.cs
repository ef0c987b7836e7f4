using Labs.Content;
using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>Where the budget a lab's front matter names meets the preset that Labs.Sessions applies.</summary>
internal static class LabBudgets
{
    /// <summary>The session budget preset for a lab's <c>budget:</c>.</summary>
    public static SessionBudget For(LabBudget budget) => budget switch
    {
        LabBudget.Small => SessionBudgets.Small,
        LabBudget.Medium => SessionBudgets.Medium,
        LabBudget.Large => SessionBudgets.Large,
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, "A lab budget without a session preset; add it to LabBudgets."),
    };
}
