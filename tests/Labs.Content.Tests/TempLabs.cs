namespace Labs.Content.Tests;

/// <summary>A throw-away <c>labs</c> folder for one test.</summary>
internal sealed class TempLabs : IDisposable
{
    public TempLabs()
    {
        Root = Path.Combine(Path.GetTempPath(), "labs-content-tests", Guid.NewGuid().ToString("N"));
        LabsDirectory = Path.Combine(Root, "labs");
        Directory.CreateDirectory(LabsDirectory);
    }

    public string Root { get; }

    public string LabsDirectory { get; }

    /// <summary>Writes labs/ID/lab.md and returns the lab folder.</summary>
    public string Write(string id, string labMd)
    {
        var dir = Path.Combine(LabsDirectory, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "lab.md"), labMd);
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
