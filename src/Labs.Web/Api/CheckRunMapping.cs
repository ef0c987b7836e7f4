using Labs.Content;
using Labs.Data.Entities;
using Labs.Grading;
using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>
/// The one place where a grading result becomes the database's generic check run: the task's outcome and points, and
/// each check's outcome, points and message as the grader gave them.
/// </summary>
internal static class CheckRunMapping
{
    public static CheckRun From(LabSession session, LabTask task, TaskResult result)
    {
        var run = new CheckRun
        {
            SessionId = session.Id,
            LearnerId = session.OwnerId,
            LabId = session.LabId,
            TaskId = task.Id,
            Passed = result.Passed,
            PointsEarned = result.Points,
            PointsPossible = result.MaxPoints,
        };
        foreach (var check in result.Checks)
        {
            run.Outcomes.Add(new CheckOutcome
            {
                CheckIndex = check.Index,
                Description = check.Description,
                Passed = check.Passed,
                PointsEarned = check.Points,
                PointsPossible = check.MaxPoints,
                Message = check.Passed ? null : check.Message,
            });
        }

        return run;
    }
}
