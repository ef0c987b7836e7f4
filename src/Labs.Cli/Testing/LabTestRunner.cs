using System.Diagnostics;
using Labs.Content;
using Labs.Grading;
using Labs.Sessions;
using Labs.Web.Api;

namespace Labs.Cli.Testing;

/// <summary>
/// Proves one lab in a fresh session, as a learner would meet it: setup (objects and script), then every task must
/// fail (a task that already passes gives its points away: a lab bug), then the reference solution (manifests, then
/// <c>solve.sh</c> in the toolbox as the learner), then every check must pass. The session is ended afterwards.
/// </summary>
internal sealed class LabTestRunner(CliPlatform platform)
{
    private const string Owner = "labs-test";

    public async Task<LabTestResult> RunAsync(Lab lab, Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<LabTestStep>();
        if (!lab.HasSolution && lab.Tasks.Count > 0)
        {
            steps.Add(new LabTestStep("solution", false, ["the lab has no reference solution (solution/solve.sh or solution/*.yaml)"], []));
            return new LabTestResult(lab.Id, steps, clock.Elapsed);
        }

        progress("setup");
        LabSession session;
        try
        {
            session = await platform.Sessions.StartAsync(lab.Id, Owner, await LabSetups.ForAsync(lab, cancellationToken), cancellationToken);
            steps.Add(new LabTestStep("setup", true, [], []));
        }
        catch (SessionStartException ex)
        {
            steps.Add(new LabTestStep("setup", false, [ex.Message], []));
            return new LabTestResult(lab.Id, steps, clock.Elapsed);
        }

        try
        {
            var target = new GradingTarget(session.Namespace, session.ToolboxNamespace, session.ToolboxPod);
            progress("checks before the solution");
            steps.Add(Before(await platform.Grader.CheckAllAsync(lab, target, new GradeOptions { Wait = false }, cancellationToken)));
            progress("solution");
            var solution = await SolutionRunner.RunAsync(platform, lab, session, cancellationToken);
            steps.Add(solution);
            if (solution.Passed)
            {
                progress("checks after the solution");
                steps.Add(After(await platform.Grader.CheckAllAsync(lab, target, GradeOptions.Default, cancellationToken)));
            }
        }
        finally
        {
            await platform.Sessions.EndAsync(session.Id, CancellationToken.None);
        }
        return new LabTestResult(lab.Id, steps, clock.Elapsed);
    }

    private static LabTestStep Before(IReadOnlyList<TaskResult> results)
    {
        var problems = results.Where(r => r.Passed)
            .Select(r => $"task {r.TaskId} already passes before the solution runs, so a learner gets it for nothing; make its checks fail on the setup")
            .ToList();
        var notes = results.Where(r => !r.Passed)
            .SelectMany(r => r.Checks.Where(c => c.Passed).Select(c => $"task {r.TaskId}: check {c.Index + 1} ({c.Description}) passes before the solution ({c.Source})"))
            .ToList();
        return new LabTestStep("before", problems.Count == 0, problems, notes);
    }

    private static LabTestStep After(IReadOnlyList<TaskResult> results)
    {
        var problems = results
            .SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => $"task {r.TaskId}: check {c.Index + 1} fails after the solution ({c.Source}): {c.Message}"))
            .ToList();
        return new LabTestStep("after", problems.Count == 0, problems, []);
    }
}
