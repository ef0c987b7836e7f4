using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Yaml;

namespace Labs.Content.Charts;

/// <summary>Reads one chart folder of the chart repository and packages it as <c>helm package</c> does.</summary>
internal static partial class ChartFolder
{
    /// <summary>Most bytes of one chart's files.</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    // Chart.yaml keys Helm reads as strings, besides name and version.
    private static readonly string[] TextKeys = ["appVersion", "kubeVersion", "description"];

    // Archives carry a fixed time, so the same files always make the same archive and digest.
    private static readonly DateTimeOffset ArchiveTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <exception cref="LabFormatException">The chart does not load; every problem is listed.</exception>
    public static ChartPackage Package(string folder, string display)
    {
        var problems = new LabProblems();
        var files = PlainFiles.Under(folder, display, problems);
        JsonObject? metadata = null;
        var chartYaml = Path.Combine(folder, "Chart.yaml");
        if (!File.Exists(chartYaml))
            problems.Try(() => throw new LabFormatException(display, 0, 0, "has no Chart.yaml; every chart folder needs one"));
        else
            problems.Try(() => metadata = ReadMetadata(chartYaml, $"{display}/Chart.yaml", Path.GetFileName(folder)));
        var bytes = files.Sum(f => f.File.Length);
        if (bytes > MaxBytes)
            problems.Try(() => throw new LabFormatException(display, 0, 0, $"holds {bytes:N0} bytes; a chart may hold at most {MaxBytes:N0}"));
        problems.ThrowIfAny();

        var name = metadata!["name"]!.GetValue<string>();
        var archive = Archive(name, files, display);
        return new ChartPackage(
            name,
            metadata!["version"]!.GetValue<string>(),
            metadata,
            archive,
            Convert.ToHexStringLower(SHA256.HashData(archive)),
            files.Select(f => new DateTimeOffset(f.File.LastWriteTimeUtc, TimeSpan.Zero)).DefaultIfEmpty(ArchiveTime).Max());
    }

    private static JsonObject ReadMetadata(string path, string display, string folderName)
    {
        var block = new YamlBlock(display, firstLine: 1, columnOffset: 0);
        var node = block.Parse(LabFiles.ReadText(path, display).Replace("\r\n", "\n", StringComparison.Ordinal));
        if (node is null || YamlJson.ToJson(block, node) is not JsonObject metadata)
            throw new LabFormatException(display, 1, 1, "Chart.yaml must be a mapping with apiVersion, name and version");
        var problems = new LabProblems();
        problems.Try(() =>
        {
            if (Text(metadata, "apiVersion") is not ("v1" or "v2"))
                throw block.Error(node, "apiVersion must be v2 (or v1 for an old chart)");
        });
        problems.Try(() =>
        {
            // One folder per version: web/ or web-1.2.0/ (several versions of a chart side by side).
            if (Text(metadata, "name") is not { } name || (folderName != name && folderName != $"{name}-{Text(metadata, "version")}"))
                throw block.Error(node, $"name must be the folder's name, or the folder must be NAME-VERSION ('{folderName}' holds name '{Text(metadata, "name")}', version '{Text(metadata, "version")}')");
            if (!ChartName().IsMatch(name))
                throw block.Error(node, $"name '{name}' must be lowercase letters, digits and dashes, starting with a letter");
        });
        problems.Try(() =>
        {
            if (Text(metadata, "version") is not { } version || !SemVer().IsMatch(version))
                throw block.Error(node, $"version must be a SemVer 2 version such as 0.1.0 (found '{Text(metadata, "version")}')");
        });
        problems.Try(() =>
        {
            // Helm reads these as strings: an unquoted 1.10 would be the number 1.1 to YAML and break the index.
            foreach (var key in TextKeys)
            {
                if (metadata[key] is { } value && (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String))
                    throw block.Error(node, $"{key} must be a string; quote it (\"{value.ToJsonString().Trim('"')}\")");
            }
        });
        problems.ThrowIfAny();
        return metadata;
    }

    private static string? Text(JsonObject metadata, string key) =>
        metadata[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static byte[] Archive(string name, List<PlainFiles.Entry> files, string display)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, $"{name}/{file.RelativePath}")
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = ArchiveTime,
                };
                using var content = file.File.OpenRead();
                entry.DataStream = content;
                try
                {
                    tar.WriteEntry(entry);
                }
                catch (ArgumentException ex)
                {
                    throw new LabFormatException($"{display}/{file.RelativePath}", 0, 0, $"cannot be packaged: {ex.Message}");
                }
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ChartName();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
