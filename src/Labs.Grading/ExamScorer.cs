using Labs.Content;

namespace Labs.Grading;

/// <summary>Scores an exam from its task results: every passed check earns its points.</summary>
public static class ExamScorer
{
    /// <summary>
    /// Scores <paramref name="results"/> against <paramref name="lab"/>'s tasks. Tasks without a result earn nothing;
    /// results for unknown task ids are ignored. Lessons are scored too, with a pass mark of 100%.
    /// </summary>
    public static ExamScore Score(Lab lab, IEnumerable<TaskResult> results)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(results);
        var byTask = new Dictionary<string, TaskResult>(StringComparer.Ordinal);
        foreach (var result in results)
            byTask.TryAdd(result.TaskId, result);
        var tasks = lab.Tasks.Select(t => byTask.GetValueOrDefault(t.Id) ?? new TaskResult(t.Id, false, 0, t.Points, [])).ToList();
        var total = lab.Points;
        var earned = tasks.Sum(t => Math.Min(t.Points, lab.FindTask(t.TaskId)!.Points));
        var percent = total == 0 ? 100 : (int)(earned * 100L / total);
        var passMark = lab.Exam?.PassMark ?? 100;
        return new ExamScore(earned, total, percent, passMark, percent >= passMark, tasks);
    }
}
