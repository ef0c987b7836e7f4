using Labs.Content;

namespace Labs.Grading;

/// <summary>Scores an exam from its task results: each passed task earns its weight.</summary>
public static class ExamScorer
{
    /// <summary>
    /// Scores <paramref name="results"/> against <paramref name="lab"/>'s tasks. Tasks without a result count as
    /// failed; results for unknown task ids are ignored. Lessons are scored too, with a pass mark of 100%.
    /// </summary>
    public static ExamScore Score(Lab lab, IEnumerable<TaskResult> results)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(results);
        var passed = results.Where(r => r.Passed).Select(r => r.TaskId).ToHashSet(StringComparer.Ordinal);
        var total = lab.Tasks.Sum(t => t.Weight);
        var earned = lab.Tasks.Where(t => passed.Contains(t.Id)).Sum(t => t.Weight);
        var percent = total == 0 ? 100 : (int)(earned * 100L / total);
        var passMark = lab.Exam?.PassPercent ?? 100;
        return new ExamScore(earned, total, percent, percent >= passMark);
    }
}
