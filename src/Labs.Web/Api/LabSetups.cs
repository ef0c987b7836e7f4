using Labs.Content;
using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>Where a lab (Labs.Content) becomes what a session of it is given (Labs.Sessions): setup, budget, lifetime.</summary>
internal static class LabSetups
{
    /// <summary>The lab's setup objects and script, its budget, its expiry (null: the platform's default) and its cluster views.</summary>
    public static async Task<LabSetup> ForAsync(Lab lab, CancellationToken cancellationToken)
    {
        var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
        return new LabSetup(
            [.. lab.SetupObjects.Select(o => new LabSetupObject(o.Manifest, o.Source))],
            script,
            LabBudgets.For(lab.Budget),
            lab.Expiry,
            lab.ClusterViews);
    }
}
