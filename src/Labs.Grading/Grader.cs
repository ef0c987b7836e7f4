using Labs.Content;
using Labs.Grading.Matching;
using Labs.Kube;

namespace Labs.Grading;

/// <summary>
/// Grades tasks by reading objects from the learner's namespace through KubernetesClient (the kind's resource from
/// the cluster's discovery) and comparing them with each check. Never throws for cluster errors: they become failed
/// results that say why.
/// </summary>
public sealed class Grader
{
    private readonly KubeObjects _objects;

    /// <summary>Creates a grader that reads through <paramref name="objects"/>.</summary>
    public Grader(KubeObjects objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        _objects = objects;
    }

    /// <summary>
    /// Runs every check of <paramref name="task"/> against namespace <paramref name="ns"/> (cluster-scoped kinds
    /// are read without a namespace) and explains every difference in a sentence.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<TaskResult> CheckAsync(LabTask task, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        var messages = new List<string>();
        foreach (var check in task.Checks)
            messages.AddRange(await EvaluateAsync(check, ns, cancellationToken));
        return new TaskResult(task.Id, messages.Count == 0, messages);
    }

    /// <summary>Checks every task of <paramref name="lab"/> in order, e.g. to score an exam or prove a solution.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<IReadOnlyList<TaskResult>> CheckAllAsync(Lab lab, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var results = new List<TaskResult>(lab.Tasks.Count);
        foreach (var task in lab.Tasks)
            results.Add(await CheckAsync(task, ns, cancellationToken));
        return results;
    }

    private async Task<IEnumerable<string>> EvaluateAsync(Check check, string ns, CancellationToken cancellationToken)
    {
        var subject = $"{check.Kind} {check.Name}";
        System.Text.Json.Nodes.JsonObject? actual;
        try
        {
            actual = await _objects.GetAsync(check.ApiVersion, check.Kind, ns, check.Name, cancellationToken);
        }
        catch (UnknownKindException ex)
        {
            return [$"The grader could not read {subject} (the check at {check.Source}): {ex.Message}"];
        }
        catch (HttpRequestException ex)
        {
            return [$"The grader could not read {subject}: the cluster did not answer ({ex.Message})"];
        }
        catch (Exception ex) when (ex.IsApiFailure())
        {
            return [$"The grader could not read {subject}: {ex.Describe()}"];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            return [$"The grader could not read {subject}: the cluster did not answer in time; try again"];
        }

        if (check.Absent)
            return actual is null ? [] : [$"{subject} exists, but it should not"];
        if (actual is null)
            return [$"{subject} not found"];
        if (check.Expect is null)
            return [];
        return PartialMatcher.Compare(check.Expect, actual).Select(m => $"{subject}: {MismatchMessages.Describe(m)}");
    }
}
