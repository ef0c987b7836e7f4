using Labs.Content;
using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>Where a lab (Labs.Content) becomes what a session of it is given (Labs.Sessions): setup, budget, lifetime.</summary>
internal static class LabSetups
{
    /// <summary>
    /// The lab's setup objects and script, its budget, its expiry (null: the platform's default), its cluster views,
    /// the files it puts into the learner's home and the commands it needs there.
    /// </summary>
    public static async Task<LabSetup> ForAsync(Lab lab, CancellationToken cancellationToken)
    {
        var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
        var files = new List<HomeFile>(lab.HomeFiles.Count);
        foreach (var file in lab.HomeFiles)
            files.Add(new HomeFile(file.RelativePath, await File.ReadAllBytesAsync(file.FullPath, cancellationToken), file.Executable));
        return new LabSetup(
            [.. lab.SetupObjects.Select(o => new LabSetupObject(o.Manifest, o.Source))],
            script,
            LabBudgets.For(lab.Budget),
            lab.Expiry,
            lab.ClusterViews,
            files,
            lab.Tools);
    }
}
