using Labs.Content;
using Labs.Sessions;
using Labs.Web.Api;

namespace Labs.Cli.Testing;

/// <summary>
/// What a session of a lab is given: its setup objects and script, and the session budget its <c>budget:</c> names,
/// exactly as the web host gives it.
/// </summary>
internal static class LabSessionSetup
{
    public static async Task<LabSetup> ForAsync(Lab lab, CancellationToken cancellationToken)
    {
        var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
        return new LabSetup([.. lab.SetupObjects.Select(o => new LabSetupObject(o.Manifest, o.Source))], script, LabBudgets.For(lab.Budget));
    }
}
