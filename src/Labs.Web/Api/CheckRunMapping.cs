using Labs.Content;
using Labs.Data.Entities;
using Labs.Grading;
using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>
/// The one place where a grading result becomes the database's generic check run. Today's <see cref="TaskResult"/>
/// says whether the task passed and lists one sentence per problem; each check's outcome is read from that: a check
/// failed when a sentence names its object (the grader starts every sentence with "Kind name"). Points: one per check,
/// and the task's weight for the run as a whole when it passed.
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
            PointsEarned = result.Passed ? task.Weight : 0,
            PointsPossible = task.Weight,
        };
        for (var index = 0; index < task.Checks.Count; index++)
        {
            var check = task.Checks[index];
            var subject = $"{check.Kind} {check.Name}";
            var messages = result.Passed ? [] : result.Messages.Where(m => m.Contains(subject, StringComparison.Ordinal)).ToList();
            // A failed task whose sentences name no check (a read error, say) fails every check.
            var passed = result.Passed || (messages.Count == 0 && result.Messages.Any(m => task.Checks.Any(c => m.Contains($"{c.Kind} {c.Name}", StringComparison.Ordinal))));
            run.Outcomes.Add(new CheckOutcome
            {
                CheckIndex = index,
                Description = check.Resource,
                Passed = passed,
                PointsEarned = passed ? 1 : 0,
                PointsPossible = 1,
                Message = passed ? null : string.Join(" ", messages.Count > 0 ? messages : result.Messages),
            });
        }

        return run;
    }
}
