using k8s;
using Labs.Content;
using Labs.Content.Checks;
using Labs.Grading.Evaluation;
using Labs.Kube;

namespace Labs.Grading;

/// <summary>
/// Grades tasks with the platform's own client: reads objects from the learner's namespace (kinds from the cluster's
/// discovery), waits for conditions, asks SubjectAccessReviews, and runs file, command and reachability checks by exec.
/// Every check gets a result with what was expected, what was found and a sentence; cluster errors become failed
/// results that say what happened. Only a cancellation by the caller throws.
/// </summary>
public sealed class Grader
{
    private readonly ObjectEvaluator _objects;
    private readonly ConditionEvaluator _conditions;
    private readonly ToolboxEvaluator _toolbox;
    private readonly AccessEvaluator _access;

    /// <summary>Creates a grader.</summary>
    /// <param name="objects">Reads objects of any kind.</param>
    /// <param name="kube">Asks SubjectAccessReviews.</param>
    /// <param name="exec">Runs file, command and reachability checks in pods.</param>
    /// <param name="graderShell">Runs <c>as: grader</c> commands; null when the platform offers none.</param>
    /// <param name="time">The clock of timeouts and waits; the system clock when null.</param>
    public Grader(KubeObjects objects, IKubernetes kube, IPodExec exec, IGraderShell? graderShell = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(exec);
        time ??= TimeProvider.System;
        _objects = new ObjectEvaluator(objects);
        _conditions = new ConditionEvaluator(objects, time);
        _toolbox = new ToolboxEvaluator(new PodCommands(exec, time), graderShell);
        _access = new AccessEvaluator(kube);
    }

    /// <summary>Runs every check of <paramref name="task"/> in namespace <paramref name="ns"/>, for a session without a toolbox.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<TaskResult> CheckAsync(LabTask task, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        return CheckAsync(task, new GradingTarget(ns), GradeOptions.Default, cancellationToken);
    }

    /// <summary>Runs every check of <paramref name="task"/> against <paramref name="target"/> and explains each result.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<TaskResult> CheckAsync(LabTask task, GradingTarget target, GradeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(target);
        options ??= GradeOptions.Default;
        var results = new List<CheckResult>(task.Checks.Count);
        for (var i = 0; i < task.Checks.Count; i++)
        {
            var check = task.Checks[i];
            var outcome = await EvaluateAsync(check, target, options, cancellationToken);
            results.Add(new CheckResult(
                i, check.Summary, outcome.Passed, outcome.Passed ? check.Points : 0, check.Points,
                outcome.Message, outcome.Expected, outcome.Found, outcome.Passed ? null : check.Why, check.Source));
        }
        return new TaskResult(task.Id, results.All(r => r.Passed), results.Sum(r => r.Points), task.Points, results);
    }

    /// <summary>Checks every task of <paramref name="lab"/> in order, e.g. to score an exam or prove a solution.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<IReadOnlyList<TaskResult>> CheckAllAsync(Lab lab, string ns, CancellationToken cancellationToken = default) =>
        CheckAllAsync(lab, new GradingTarget(ns), GradeOptions.Default, cancellationToken);

    /// <summary>Checks every task of <paramref name="lab"/> in order against <paramref name="target"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<IReadOnlyList<TaskResult>> CheckAllAsync(Lab lab, GradingTarget target, GradeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var results = new List<TaskResult>(lab.Tasks.Count);
        foreach (var task in lab.Tasks)
            results.Add(await CheckAsync(task, target, options, cancellationToken));
        return results;
    }

    private async Task<Outcome> EvaluateAsync(Check check, GradingTarget target, GradeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return check switch
            {
                ResourceCheck r => await _objects.ResourceAsync(r, target.Namespace, cancellationToken),
                JsonPathCheck p => await _objects.JsonPathAsync(p, target.Namespace, cancellationToken),
                CountCheck c => await _objects.CountAsync(c, target.Namespace, cancellationToken),
                ConditionCheck w => await _conditions.EvaluateAsync(w, target.Namespace, options.Wait, cancellationToken),
                FileCheck f => await _toolbox.FileAsync(f, target, cancellationToken),
                CommandCheck c => await _toolbox.CommandAsync(c, target, cancellationToken),
                ReachCheck h => await _toolbox.ReachAsync(h, target, cancellationToken),
                AccessCheck a => await _access.EvaluateAsync(a, target.Namespace, cancellationToken),
                _ => Outcome.Fail($"The grader does not know checks of type {check.GetType().Name} (the check at {check.Source})"),
            };
        }
        catch (UnknownKindException ex)
        {
            return Outcome.Fail($"The grader could not read {Subject(check, target.Namespace)} (the check at {check.Source}): {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return Outcome.Fail($"The grader could not read {Subject(check, target.Namespace)}: the cluster did not answer ({ex.Message})");
        }
        catch (Exception ex) when (ex.IsApiFailure() || ex is InvalidOperationException or TimeoutException)
        {
            return Outcome.Fail($"The grader could not {(check is ResourceCheck or JsonPathCheck or CountCheck or ConditionCheck ? "read" : "check")} {Subject(check, target.Namespace)}: {ex.Describe()}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            return Outcome.Fail($"The grader could not read {Subject(check, target.Namespace)}: the cluster did not answer in time; try again");
        }
#pragma warning disable CA1031 // Grading never throws: whatever an answer did to a check becomes that check's failed result.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Outcome.Fail($"The grader could not check {Subject(check, target.Namespace)} (the check at {check.Source}): {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string Subject(Check check, string ns) => check switch
    {
        ResourceCheck r => r.Target.ToString(),
        JsonPathCheck p => p.Target.ToString(),
        ConditionCheck w => w.Target.ToString(),
        CountCheck c => $"the {c.Kind} objects",
        FileCheck f => f.Path,
        CommandCheck c => $"`{c.Command}`",
        ReachCheck h => h.Url,
        AccessCheck a => $"whether {a.User.Replace("$NAMESPACE", ns, StringComparison.Ordinal)} can {a.Verb} {a.Resource}",
        _ => check.Summary,
    };
}
