namespace Labs.Content;

/// <summary>All labs of a library folder, loaded and validated once, sorted by id.</summary>
public sealed class LabCatalog
{
    private readonly Dictionary<string, Lab> _byId;

    /// <summary>Creates a catalog from already loaded labs.</summary>
    /// <exception cref="ArgumentException">Two labs share an id.</exception>
    public LabCatalog(IEnumerable<Lab> labs)
    {
        ArgumentNullException.ThrowIfNull(labs);
        All = [.. labs.OrderBy(l => l.Id, StringComparer.Ordinal)];
        _byId = new Dictionary<string, Lab>(StringComparer.Ordinal);
        foreach (var lab in All)
        {
            if (!_byId.TryAdd(lab.Id, lab))
                throw new ArgumentException($"Two labs have the id '{lab.Id}': {_byId[lab.Id].SourcePath} and {lab.SourcePath}.", nameof(labs));
        }
    }

    /// <summary>Every lab, sorted by id.</summary>
    public IReadOnlyList<Lab> All { get; }

    /// <summary>The lab with this id, or null.</summary>
    public Lab? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Loads every lab folder under <paramref name="labsDirectory"/>. Folders whose name starts with '.' or '_'
    /// are skipped (drafts, tooling); every other folder must be a valid lab.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="LabFormatException">A lab is malformed; the message has the file, line and column.</exception>
    public static LabCatalog Load(string labsDirectory, LabLoader? loader = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labsDirectory);
        if (!Directory.Exists(labsDirectory))
            throw new DirectoryNotFoundException($"The labs folder '{Path.GetFullPath(labsDirectory)}' does not exist; set Content:LabsDirectory to the folder that holds the lab folders.");
        loader ??= new LabLoader();
        return new LabCatalog(LabDirectories(labsDirectory).Select(loader.Load));
    }

    /// <summary>
    /// Loads every lab folder like <see cref="Load"/> but keeps going after a malformed lab, for tools that
    /// report all problems at once (<c>labs validate</c>). Returns one exception per malformed lab, with every
    /// problem of that lab in its <see cref="LabFormatException.Problems"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<LabFormatException> Validate(string labsDirectory, LabLoader? loader = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labsDirectory);
        if (!Directory.Exists(labsDirectory))
            throw new DirectoryNotFoundException($"The labs folder '{Path.GetFullPath(labsDirectory)}' does not exist.");
        loader ??= new LabLoader();
        var problems = new List<LabFormatException>();
        foreach (var directory in LabDirectories(labsDirectory))
        {
            try
            {
                loader.Load(directory);
            }
            catch (LabFormatException ex)
            {
                problems.Add(ex);
            }
        }
        return problems;
    }

    /// <summary>The lab folders of a library, sorted: every folder whose name does not start with '.' or '_'.</summary>
    public static IEnumerable<string> LabDirectories(string labsDirectory) =>
        Directory.EnumerateDirectories(labsDirectory)
            .Where(d => Path.GetFileName(d) is { Length: > 0 } name && name[0] != '.' && name[0] != '_')
            .Order(StringComparer.Ordinal);
}
