namespace Labs.Cli.Tests;

/// <summary>A throw-away <c>labs</c> folder for one test.</summary>
internal sealed class TempLabs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labs-cli-tests-").FullName;

    public TempLabs() => Directory.CreateDirectory(LabsDirectory);

    public string LabsDirectory => Path.Combine(_root, "labs");

    public string Root => _root;

    /// <summary>Writes <c>labs/ID/PATH</c> for each file.</summary>
    public TempLabs Write(string id, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(LabsDirectory, id, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the system cleans its temporary folder.
        }
    }
}
