using Labs.Content;
using Labs.Content.Checks;

namespace Labs.Grading.Tests;

public sealed class ExamScorerTests
{
    [Fact]
    public void Passed_checks_earn_their_points_and_the_pass_mark_decides()
    {
        var lab = Exam(passMark: 60, ("a", 3), ("b", 1), ("c", 1));

        var score = ExamScorer.Score(lab, [Result("a", 3, 3), Result("b", 0, 1)]);

        Assert.Equal((3, 5, 60, 60, true), (score.Earned, score.Total, score.Percent, score.PassMark, score.Passed));
        Assert.Equal(["a", "b", "c"], score.Tasks.Select(t => t.TaskId));
    }

    [Fact]
    public void Partly_done_tasks_earn_partial_credit()
    {
        var lab = Exam(passMark: 50, ("a", 4), ("b", 4));

        var score = ExamScorer.Score(lab, [Result("a", 3, 4), Result("b", 1, 4)]);

        Assert.Equal((4, 8, 50, true), (score.Earned, score.Total, score.Percent, score.Passed));
    }

    [Fact]
    public void Below_the_pass_mark_fails_and_unknown_tasks_are_ignored()
    {
        var lab = Exam(passMark: 66, ("a", 1), ("b", 1), ("c", 1));

        var score = ExamScorer.Score(lab, [Result("a", 1, 1), Result("b", 1, 1), Result("zzz", 5, 5)]);

        Assert.Equal((2, 3, 66, true), (score.Earned, score.Total, score.Percent, score.Passed));
        Assert.False(ExamScorer.Score(lab, [Result("a", 1, 1)]).Passed);
    }

    private static TaskResult Result(string id, int points, int max) => new(id, points == max, points, max, []);

    private static Lab Exam(int passMark, params (string Id, int Points)[] tasks) => new()
    {
        Id = "exam",
        Title = "Exam",
        Summary = "Exam.",
        Difficulty = LabDifficulty.Advanced,
        Duration = TimeSpan.FromHours(1),
        Tags = [],
        Kind = LabKind.Exam,
        Exam = new ExamSettings(TimeSpan.FromHours(1), passMark),
        Tasks = [.. tasks.Select(t => new LabTask
        {
            Id = t.Id,
            Title = t.Id,
            Checks = [new ResourceCheck { Target = new ObjectRef("v1", "Pod", "p"), Points = t.Points, Line = 1 }],
        })],
        Html = new Dictionary<LessonMode, string>(),
        SourcePath = "/labs/exam/lab.md",
        Directory = "/labs/exam",
    };
}
