namespace Labs.Content;

/// <summary>A loaded and validated lab: <c>labs/ID/lab.md</c> with its optional setup and solution files.</summary>
public sealed class Lab
{
    /// <summary>Lab id; equals the folder name.</summary>
    public required string Id { get; init; }

    /// <summary>Display title.</summary>
    public required string Title { get; init; }

    /// <summary>One-sentence summary for the catalog.</summary>
    public required string Summary { get; init; }

    /// <summary>How hard the lab is.</summary>
    public required LabDifficulty Difficulty { get; init; }

    /// <summary>Expected time to complete.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Free-form tags, e.g. <c>workloads</c>, <c>ckad</c>.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Lesson or exam.</summary>
    public required LabKind Kind { get; init; }

    /// <summary>Exam settings; null for lessons.</summary>
    public ExamSettings? Exam { get; init; }

    /// <summary>How much a session of the lab may use; <see cref="LabBudget.Small"/> unless the front matter says otherwise.</summary>
    public LabBudget Budget { get; init; } = LabBudget.Small;

    /// <summary>Commands the lab needs in the toolbox (front matter <c>tools:</c>), e.g. <c>helm</c>, <c>jq</c>.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Steps in lesson order; empty when the lab has no <c>```step</c> blocks.</summary>
    public IReadOnlyList<LabStep> Steps { get; init; } = [];

    /// <summary>How long a session of the lab lasts before it expires (front matter <c>expiry</c>); null for the platform's default.</summary>
    public TimeSpan? Expiry { get; init; }

    /// <summary>Cluster-scoped resources (plural names, e.g. <c>nodes</c>) learners of the lab may read (front matter <c>clusterViews</c>).</summary>
    public IReadOnlyList<string> ClusterViews { get; init; } = [];

    /// <summary>Tasks in the order they appear in the lesson.</summary>
    public required IReadOnlyList<LabTask> Tasks { get; init; }

    /// <summary>The lesson rendered to HTML in each <see cref="LessonMode"/> (front matter excluded, raw HTML escaped).</summary>
    public required IReadOnlyDictionary<LessonMode, string> Html { get; init; }

    /// <summary>The lesson as the lab is first shown: <see cref="LessonMode.Exam"/> for exams, else <see cref="LessonMode.Lesson"/>.</summary>
    public string LessonHtml => Html[Kind == LabKind.Exam ? LessonMode.Exam : LessonMode.Lesson];

    /// <summary>The points the lab is worth: the sum of its tasks' points.</summary>
    public int Points => Tasks.Sum(t => t.Points);

    /// <summary>Full path of <c>lab.md</c>.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Full path of the lab folder.</summary>
    public required string Directory { get; init; }

    /// <summary>Full paths of <c>setup/*.yaml</c> and <c>setup/*.yml</c>, sorted; applied before handover.</summary>
    public IReadOnlyList<string> SetupManifests { get; init; } = [];

    /// <summary>The objects of <see cref="SetupManifests"/>, in file then document order, without namespaces.</summary>
    public IReadOnlyList<SetupObject> SetupObjects { get; init; } = [];

    /// <summary>Full path of <c>setup/setup.sh</c>, or null.</summary>
    public string? SetupScript { get; init; }

    /// <summary>The files of <c>files/</c>, copied into the learner's home before the setup script runs.</summary>
    public IReadOnlyList<LabHomeFile> HomeFiles { get; init; } = [];

    /// <summary>Full paths of <c>solution/*.yaml</c> and <c>solution/*.yml</c>, sorted.</summary>
    public IReadOnlyList<string> SolutionManifests { get; init; } = [];

    /// <summary>The objects of <see cref="SolutionManifests"/>, in file then document order, without namespaces.</summary>
    public IReadOnlyList<SetupObject> SolutionObjects { get; init; } = [];

    /// <summary>Whether the lab has a reference solution (a script or manifests) that <c>labs test</c> can run.</summary>
    public bool HasSolution => SolutionScript is not null || SolutionManifests.Count > 0;

    /// <summary>Full path of <c>solution/solve.sh</c>, or null.</summary>
    public string? SolutionScript { get; init; }

    /// <summary>Finds a task by id; null when the lab has no such task.</summary>
    public LabTask? FindTask(string taskId) => Tasks.FirstOrDefault(t => string.Equals(t.Id, taskId, StringComparison.Ordinal));
}
