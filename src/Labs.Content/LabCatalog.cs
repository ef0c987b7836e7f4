using Labs.Content.Charts;

namespace Labs.Content;

/// <summary>
/// The labs of a library folder, sorted by id, with the folders that do not load as <see cref="Broken"/>. A catalog
/// made by <see cref="Load"/> can be reloaded (<see cref="Reload"/>, e.g. by <c>labs serve</c> when a file changes):
/// readers always see one whole version, never a mix.
/// </summary>
public sealed class LabCatalog
{
    private readonly string? _directory;
    private readonly LabLoader _loader;
    private volatile Snapshot _current;
    private long _version;

    /// <summary>Creates a catalog from already loaded labs; it cannot be reloaded.</summary>
    /// <exception cref="ArgumentException">Two labs share an id.</exception>
    public LabCatalog(IEnumerable<Lab> labs)
        : this(null, new LabLoader(), Snapshot.Create(labs, [], ChartRepository.Empty))
    {
    }

    private LabCatalog(string? directory, LabLoader loader, Snapshot snapshot)
    {
        _directory = directory;
        _loader = loader;
        _current = snapshot;
    }

    /// <summary>Raised after <see cref="Reload"/> replaced the catalog's contents.</summary>
    public event EventHandler? Changed;

    /// <summary>Every lab that loads, sorted by id.</summary>
    public IReadOnlyList<Lab> All => _current.Labs;

    /// <summary>Every lab folder that does not load, sorted by id, with its problems.</summary>
    public IReadOnlyList<BrokenLab> Broken => _current.Broken;

    /// <summary>The library's Helm chart repository (its <c>_charts/</c> folder); a chart that does not load is in <see cref="Broken"/> as <c>_charts</c>.</summary>
    public ChartRepository Charts => _current.Charts;

    /// <summary>How many times the catalog has been reloaded; a page can tell from it that it is out of date.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The lab with this id, or null (also for a broken lab).</summary>
    public Lab? Find(string id) => _current.ById.GetValueOrDefault(id);

    /// <summary>The broken lab with this id, or null.</summary>
    public BrokenLab? FindBroken(string id) => _current.Broken.FirstOrDefault(b => string.Equals(b.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Loads every lab folder under <paramref name="labsDirectory"/>. Folders whose name starts with '.' or '_'
    /// are skipped (drafts, tooling); a folder that does not load is listed in <see cref="Broken"/> and the others load.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static LabCatalog Load(string labsDirectory, LabLoader? loader = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labsDirectory);
        if (!Directory.Exists(labsDirectory))
            throw new DirectoryNotFoundException($"The labs folder '{Path.GetFullPath(labsDirectory)}' does not exist; set Content:LabsDirectory to the folder that holds the lab folders.");
        loader ??= new LabLoader();
        return new LabCatalog(labsDirectory, loader, Read(labsDirectory, loader));
    }

    /// <summary>Reads the library folder again and replaces the catalog's contents, then raises <see cref="Changed"/>.</summary>
    /// <exception cref="InvalidOperationException">The catalog was not made by <see cref="Load"/>.</exception>
    public void Reload()
    {
        if (_directory is null)
            throw new InvalidOperationException("This catalog was made from loaded labs; only a catalog made by LabCatalog.Load can reload.");
        _current = Read(_directory, _loader);
        Interlocked.Increment(ref _version);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Loads every lab folder like <see cref="Load"/> and returns one exception per malformed lab, with every problem of
    /// that lab in its <see cref="LabFormatException.Problems"/>, for tools that report all problems at once.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<LabFormatException> Validate(string labsDirectory, LabLoader? loader = null) =>
        [.. Load(labsDirectory, loader).Broken.Select(b => LabFormatException.Combine(b.Problems))];

    /// <summary>The lab folders of a library, sorted: every folder whose name does not start with '.' or '_'.</summary>
    public static IEnumerable<string> LabDirectories(string labsDirectory) =>
        Directory.EnumerateDirectories(labsDirectory)
            .Where(d => Path.GetFileName(d) is { Length: > 0 } name && name[0] != '.' && name[0] != '_')
            .Order(StringComparer.Ordinal);

    private static Snapshot Read(string labsDirectory, LabLoader loader)
    {
        var labs = new List<Lab>();
        var broken = new List<BrokenLab>();
        foreach (var directory in LabDirectories(labsDirectory))
        {
            try
            {
                labs.Add(loader.Load(directory));
            }
            catch (LabFormatException ex)
            {
                broken.Add(new BrokenLab(Path.GetFileName(directory), directory, ex.Problems));
            }
        }
        var charts = ChartRepository.Load(labsDirectory, out var chartProblems);
        if (chartProblems.Count > 0)
            broken.Add(new BrokenLab(ChartRepository.FolderName, Path.Combine(labsDirectory, ChartRepository.FolderName), chartProblems));
        return Snapshot.Create(labs, broken, charts);
    }

    private sealed record Snapshot(IReadOnlyList<Lab> Labs, IReadOnlyList<BrokenLab> Broken, Dictionary<string, Lab> ById, ChartRepository Charts)
    {
        public static Snapshot Create(IEnumerable<Lab> labs, IReadOnlyList<BrokenLab> broken, ChartRepository charts)
        {
            ArgumentNullException.ThrowIfNull(labs);
            var sorted = labs.OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
            var byId = new Dictionary<string, Lab>(StringComparer.Ordinal);
            foreach (var lab in sorted)
            {
                if (!byId.TryAdd(lab.Id, lab))
                    throw new ArgumentException($"Two labs have the id '{lab.Id}': {byId[lab.Id].SourcePath} and {lab.SourcePath}.", nameof(labs));
            }
            return new Snapshot(sorted, broken, byId, charts);
        }
    }
}
