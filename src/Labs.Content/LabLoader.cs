using Labs.Content.Rendering;
using Labs.Content.Yaml;

namespace Labs.Content;

/// <summary>
/// Loads one lab folder: parses and validates <c>lab.md</c> (front matter, steps, task blocks, checks), renders the
/// lesson in every <see cref="LessonMode"/> and lists the setup and solution files. Nothing is executed. Every problem
/// of a lab is reported at once. Thread-safe and stateless.
/// </summary>
public sealed partial class LabLoader
{
    /// <summary>The lesson file every lab folder holds.</summary>
    public const string LabFileName = "lab.md";

    /// <summary>Loads and validates the lab in <paramref name="labDirectory"/>.</summary>
    /// <exception cref="LabFormatException">
    /// The folder has no lab.md, or its files are malformed; <see cref="LabFormatException.Problems"/> lists every problem.
    /// </exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API so hosts can inject and replace the loader.")]
    public Lab Load(string labDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labDirectory);
        var directory = Path.GetFullPath(labDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var folderName = Path.GetFileName(directory);
        var parentName = Path.GetFileName(Path.GetDirectoryName(directory)) ?? "";
        var prefix = parentName.Length == 0 ? folderName : $"{parentName}/{folderName}";
        var displayPath = $"{prefix}/{LabFileName}";
        var sourcePath = Path.Combine(directory, LabFileName);
        if (!File.Exists(sourcePath))
            throw new LabFormatException(displayPath, 0, 0, $"file not found; every lab folder needs a {LabFileName}");

        var problems = new LabProblems();
        ParsedLab? parsed = null;
        problems.Try(() => parsed = Parse(LabFiles.ReadText(sourcePath, displayPath), displayPath, folderName));
        var setup = Path.Combine(directory, "setup");
        var solution = Path.Combine(directory, "solution");
        var setupManifests = Manifests(setup);
        var solutionManifests = Manifests(solution);
        var setupObjects = new List<SetupObject>();
        foreach (var path in setupManifests)
            problems.Try(() => setupObjects.AddRange(ManifestReader.Read(path, $"{prefix}/setup/{Path.GetFileName(path)}")));
        var solutionObjects = new List<SetupObject>();
        foreach (var path in solutionManifests)
            problems.Try(() => solutionObjects.AddRange(ManifestReader.Read(path, $"{prefix}/solution/{Path.GetFileName(path)}")));
        var homeFiles = HomeFiles(directory, prefix, problems);
        problems.ThrowIfAny();

        var lab = parsed!;
        return new Lab
        {
            Id = lab.FrontMatter.Id,
            Title = lab.FrontMatter.Title,
            Summary = lab.FrontMatter.Summary,
            Difficulty = lab.FrontMatter.Difficulty,
            Duration = lab.FrontMatter.Duration,
            Tags = lab.FrontMatter.Tags,
            Kind = lab.FrontMatter.Kind,
            Exam = lab.FrontMatter.Exam,
            Budget = lab.FrontMatter.Budget,
            Tools = lab.FrontMatter.Tools,
            Expiry = lab.FrontMatter.Expiry,
            ClusterViews = lab.FrontMatter.ClusterViews ?? [],
            Steps = lab.Steps,
            Tasks = lab.Tasks,
            Html = lab.Html,
            SourcePath = sourcePath,
            Directory = directory,
            SetupManifests = setupManifests,
            SetupObjects = setupObjects,
            SetupScript = FileOrNull(Path.Combine(setup, "setup.sh")),
            HomeFiles = homeFiles,
            SolutionManifests = solutionManifests,
            SolutionObjects = solutionObjects,
            SolutionScript = FileOrNull(Path.Combine(solution, "solve.sh")),
        };
    }

    /// <summary>Parses lab.md text; <paramref name="expectedId"/> is the folder name the id must equal.</summary>
    /// <exception cref="LabFormatException">The text is malformed; every problem found is in <see cref="LabFormatException.Problems"/>.</exception>
    internal static ParsedLab Parse(string text, string displayPath, string expectedId)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (frontMatterText, bodyStartLine) = SplitFrontMatter(text, displayPath);
        var problems = new LabProblems();
        FrontMatter? frontMatter = null;
        problems.Try(() => frontMatter = ReadFrontMatter(frontMatterText, displayPath, expectedId));

        // Blank out the front matter instead of cutting it so Markdig's line numbers stay those of the file.
        var lines = text.Split('\n');
        var body = new string('\n', bodyStartLine - 1) + string.Join('\n', lines.Skip(bodyStartLine - 1));
        var document = LessonRenderer.Parse(body);
        var (tasks, steps) = ReadBlocks(document, displayPath, problems);
        if (frontMatter?.Kind == LabKind.Exam && tasks.Count == 0 && !problems.Any)
            problems.Try(() => throw new LabFormatException(displayPath, 1, 1, "an exam needs at least one ```task block"));
        problems.ThrowIfAny();
        var html = Enum.GetValues<LessonMode>().ToDictionary(m => m, m => LessonRenderer.Render(document, m));
        return new ParsedLab(frontMatter!, tasks, steps, html);
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
    internal sealed record ParsedLab(FrontMatter FrontMatter, IReadOnlyList<LabTask> Tasks, IReadOnlyList<LabStep> Steps, IReadOnlyDictionary<LessonMode, string> Html)
    {
        /// <summary>The lesson as a lesson renders it (for tests).</summary>
        public string LessonHtml => Html[LessonMode.Lesson];
    }
}
