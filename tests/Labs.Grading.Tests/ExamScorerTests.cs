using Labs.Content;

namespace Labs.Grading.Tests;

public sealed class ExamScorerTests
{
    [Fact]
    public void Passed_tasks_earn_their_weight_and_the_pass_mark_decides()
    {
        var lab = Exam(passPercent: 60, ("a", 3), ("b", 1), ("c", 1));

        var score = ExamScorer.Score(lab, [new TaskResult("a", true, []), new TaskResult("b", false, ["x"])]);

        Assert.Equal(new ExamScore(Earned: 3, Total: 5, Percent: 60, Passed: true), score);
    }

    [Fact]
    public void Below_the_pass_mark_fails()
    {
        var lab = Exam(passPercent: 66, ("a", 1), ("b", 1), ("c", 1));

        var score = ExamScorer.Score(lab, [new TaskResult("a", true, []), new TaskResult("b", true, []), new TaskResult("zzz", true, [])]);

        Assert.Equal(new ExamScore(2, 3, 66, true), score);
        Assert.False(ExamScorer.Score(lab, [new TaskResult("a", true, [])]).Passed);
    }

    private static Lab Exam(int passPercent, params (string Id, int Weight)[] tasks) => new()
    {
        Id = "exam",
        Title = "Exam",
        Summary = "Exam.",
        Difficulty = LabDifficulty.Advanced,
        Duration = TimeSpan.FromHours(1),
        Tags = [],
        Kind = LabKind.Exam,
        Exam = new ExamSettings(TimeSpan.FromHours(1), passPercent),
        Tasks = [.. tasks.Select(t => new LabTask(t.Id, t.Id, [new Check("v1/Pod/p", "v1", "Pod", "p", null, false, 1)], null, t.Weight))],
        LessonHtml = "",
        SourcePath = "/labs/exam/lab.md",
        Directory = "/labs/exam",
    };
}
