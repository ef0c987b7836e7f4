using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Content.Charts;

/// <summary>
/// The Helm chart repository of a lab library: every chart folder under <c>_charts/</c> of the labs folder, packaged in
/// memory, with the <c>index.yaml</c> Helm reads (written as JSON, which Helm's index loader takes as it takes YAML).
/// The platform serves it at <c>/charts/</c>, on its own address and on the embedded cluster's (the only address a
/// sandbox reaches), so <c>helm repo add labs $LABS_CHARTS</c> works with no internet.
/// </summary>
public sealed class ChartRepository
{
    /// <summary>The folder of the labs folder that holds the charts, one folder each.</summary>
    public const string FolderName = "_charts";

    /// <summary>The path the platform, and the embedded cluster's API server, serve the repository at.</summary>
    public const string UrlPath = "/charts/";

    /// <summary>The name of the repository's index.</summary>
    public const string IndexFileName = "index.yaml";

    private readonly Dictionary<string, ChartPackage> _byFileName;

    private ChartRepository(IReadOnlyList<ChartPackage> charts, byte[] index)
    {
        Charts = charts;
        Index = index;
        _byFileName = charts.ToDictionary(c => c.FileName, StringComparer.Ordinal);
    }

    /// <summary>A repository without charts (its index lists none).</summary>
    public static ChartRepository Empty { get; } = Build([]);

    /// <summary>Every chart version, sorted by name, then version.</summary>
    public IReadOnlyList<ChartPackage> Charts { get; }

    /// <summary>The bytes of <c>index.yaml</c>.</summary>
    public ReadOnlyMemory<byte> Index { get; }

    /// <summary>A file of the repository by name (<c>index.yaml</c> or an archive's) with its content type; false for any other.</summary>
    public bool TryGetFile(string fileName, out ReadOnlyMemory<byte> content, out string contentType)
    {
        if (fileName == IndexFileName)
        {
            (content, contentType) = (Index, "application/x-yaml");
            return true;
        }

        if (_byFileName.TryGetValue(fileName, out var chart))
        {
            (content, contentType) = (chart.Archive, "application/gzip");
            return true;
        }

        (content, contentType) = (default, "");
        return false;
    }

    /// <summary>
    /// Packages every chart folder of <c>LABS/_charts</c> (none when it does not exist). A chart that does not load is
    /// left out, and each of its problems (with file and line) is in <paramref name="problems"/>.
    /// </summary>
    public static ChartRepository Load(string labsDirectory, out IReadOnlyList<LabFormatException> problems)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labsDirectory);
        var root = Path.Combine(labsDirectory, FolderName);
        var display = $"{Path.GetFileName(Path.GetFullPath(labsDirectory).TrimEnd('/'))}/{FolderName}";
        var found = new List<LabFormatException>();
        var charts = new List<ChartPackage>();
        if (Directory.Exists(root) && new DirectoryInfo(root).LinkTarget is not null)
            found.Add(new LabFormatException(display, 0, 0, "is a symbolic link; it must be a plain folder of the library"));
        else if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
                found.Add(new LabFormatException($"{display}/{Path.GetFileName(file)}", 0, 0, $"is a file; {FolderName}/ holds one folder per chart"));
            foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                var folderDisplay = $"{display}/{Path.GetFileName(folder)}";
                try
                {
                    var chart = ChartFolder.Package(folder, folderDisplay);
                    if (charts.Exists(c => c.FileName == chart.FileName))
                        found.Add(new LabFormatException(folderDisplay, 0, 0, $"is chart {chart.Name} version {chart.Version} again; each version of a chart may be in one folder only"));
                    else
                        charts.Add(chart);
                }
                catch (LabFormatException ex)
                {
                    found.AddRange(ex.Problems);
                }
            }
        }

        problems = found;
        return Build(charts);
    }

    private static ChartRepository Build(List<ChartPackage> charts)
    {
        charts.Sort((a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name) is var byName and not 0 ? byName : StringComparer.Ordinal.Compare(a.Version, b.Version));
        var entries = new JsonObject();
        foreach (var chart in charts)
        {
            var entry = (JsonObject)chart.Metadata.DeepClone();
            entry["urls"] = new JsonArray(chart.FileName);
            entry["digest"] = chart.Digest;
            entry["created"] = Time(chart.Created);
            // Helm orders each chart's versions itself (newest first) when it loads the index.
            ((entries[chart.Name] ??= new JsonArray()) as JsonArray)!.Add(entry);
        }

        var index = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["entries"] = entries,
            ["generated"] = Time(charts.Select(c => c.Created).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max()),
        };
        return new ChartRepository(charts, Encoding.UTF8.GetBytes(index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
