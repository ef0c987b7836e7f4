using Labs.Content.Rendering;
using Labs.Content.Yaml;

namespace Labs.Content;

/// <summary>
/// Loads one lab folder: parses and validates <c>lab.md</c> (front matter, task blocks, checks), renders the
/// lesson and lists the setup and solution files. Nothing is executed. Thread-safe and stateless.
/// </summary>
public sealed partial class LabLoader
{
    /// <summary>The lesson file every lab folder holds.</summary>
    public const string LabFileName = "lab.md";

    /// <summary>Loads and validates the lab in <paramref name="labDirectory"/>.</summary>
    /// <exception cref="LabFormatException">The folder has no lab.md, or lab.md is malformed; the message says where and what.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API so hosts can inject and replace the loader.")]
    public Lab Load(string labDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labDirectory);
        var directory = Path.GetFullPath(labDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var folderName = Path.GetFileName(directory);
        var parentName = Path.GetFileName(Path.GetDirectoryName(directory)) ?? "";
        var displayPath = parentName.Length == 0 ? $"{folderName}/{LabFileName}" : $"{parentName}/{folderName}/{LabFileName}";
        var sourcePath = Path.Combine(directory, LabFileName);
        if (!File.Exists(sourcePath))
            throw new LabFormatException(displayPath, 0, 0, $"file not found; every lab folder needs a {LabFileName}");

        var text = File.ReadAllText(sourcePath);
        var parsed = Parse(text, displayPath, folderName);
        var setup = Path.Combine(directory, "setup");
        var solution = Path.Combine(directory, "solution");
        var setupManifests = Manifests(setup);
        var setupPrefix = parentName.Length == 0 ? $"{folderName}/setup" : $"{parentName}/{folderName}/setup";
        return new Lab
        {
            Id = parsed.FrontMatter.Id,
            Title = parsed.FrontMatter.Title,
            Summary = parsed.FrontMatter.Summary,
            Difficulty = parsed.FrontMatter.Difficulty,
            Duration = parsed.FrontMatter.Duration,
            Tags = parsed.FrontMatter.Tags,
            Kind = parsed.FrontMatter.Kind,
            Exam = parsed.FrontMatter.Exam,
            Budget = parsed.FrontMatter.Budget,
            Expiry = parsed.FrontMatter.Expiry,
            ClusterViews = parsed.FrontMatter.ClusterViews ?? [],
            Tasks = parsed.Tasks,
            LessonHtml = parsed.Html,
            SourcePath = sourcePath,
            Directory = directory,
            SetupManifests = setupManifests,
            SetupObjects = [.. setupManifests.SelectMany(path => ManifestReader.Read(path, $"{setupPrefix}/{Path.GetFileName(path)}"))],
            SetupScript = FileOrNull(Path.Combine(setup, "setup.sh")),
            SolutionManifests = Manifests(solution),
            SolutionScript = FileOrNull(Path.Combine(solution, "solve.sh")),
        };
    }

    /// <summary>Parses lab.md text; <paramref name="expectedId"/> is the folder name the id must equal.</summary>
    internal static ParsedLab Parse(string text, string displayPath, string expectedId)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (frontMatterText, bodyStartLine) = SplitFrontMatter(text, displayPath);
        var frontMatter = ReadFrontMatter(frontMatterText, displayPath, expectedId);

        // Blank out the front matter instead of cutting it so Markdig's line numbers stay those of the file.
        var lines = text.Split('\n');
        var body = new string('\n', bodyStartLine - 1) + string.Join('\n', lines.Skip(bodyStartLine - 1));
        var document = LessonRenderer.Parse(body);
        var tasks = ReadTasks(document, displayPath);
        if (frontMatter.Kind == LabKind.Exam && tasks.Count == 0)
            throw new LabFormatException(displayPath, 1, 1, "an exam needs at least one ```task block");
        return new ParsedLab(frontMatter, tasks, LessonRenderer.Render(document));
    }

    private static (string FrontMatter, int BodyStartLine) SplitFrontMatter(string text, string displayPath)
    {
        var lines = text.Split('\n');
        if (lines[0].TrimEnd() != "---")
            throw new LabFormatException(displayPath, 1, 1, "expected YAML front matter: the first line must be '---'");
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line is "---" or "...")
                return (string.Join('\n', lines[1..i]), i + 2);
        }
        throw new LabFormatException(displayPath, 1, 1, "the front matter that starts here is never closed with a '---' line");
    }

    private static List<string> Manifests(string directory) =>
        System.IO.Directory.Exists(directory)
            ? [.. System.IO.Directory.EnumerateFiles(directory)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)]
            : [];

    private static string? FileOrNull(string path) => File.Exists(path) ? path : null;

    /// <summary>The parts of a lab.md before file-system facts are added.</summary>
    internal sealed record ParsedLab(FrontMatter FrontMatter, IReadOnlyList<LabTask> Tasks, string Html);
}
