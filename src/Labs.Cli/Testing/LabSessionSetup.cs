using Labs.Content;
using Labs.Sessions;

namespace Labs.Cli.Testing;

/// <summary>
/// What a session of a lab is given: its setup objects and script, and the session budget its <c>budget:</c> names,
/// exactly as the web host gives it (src/Labs.Web/Api/LabBudgets.cs holds the same mapping for the platform).
/// </summary>
internal static class LabSessionSetup
{
    public static async Task<LabSetup> ForAsync(Lab lab, CancellationToken cancellationToken)
    {
        var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
        var budget = lab.Budget switch
        {
            LabBudget.Medium => SessionBudgets.Medium,
            LabBudget.Large => SessionBudgets.Large,
            _ => SessionBudgets.Small,
        };
        return new LabSetup([.. lab.SetupObjects.Select(o => new LabSetupObject(o.Manifest, o.Source))], script, budget);
    }
}
