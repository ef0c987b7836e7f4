using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>manageJob: as many active pods as parallelism and the remaining completions allow, each index once.</summary>
internal sealed partial class JobController
{
    /// <summary>Creates or deletes pods towards the active count the Job wants; returns when to look again, if ever.</summary>
    private TimeSpan? ManagePods(JsonObject job, JsonObject status, List<JsonObject> pods, List<JsonObject> active, DateTimeOffset now)
    {
        var parallelism = (int)Math.Min(job.Long("spec", "parallelism") ?? 1, int.MaxValue);
        var succeeded = status.Long("succeeded") ?? 0;
        var indexed = job.Str("spec", "completionMode") == "Indexed";
        int wantActive;
        if (job.Long("spec", "completions") is not { } completions)
        {
            // Without completions any success ends the Job: what runs goes on, nothing new starts.
            wantActive = succeeded > 0 ? active.Count : parallelism;
        }
        else
        {
            var remaining = indexed ? completions - JobIndexes.Parse(status.Str("completedIndexes")).Count : completions - succeeded;
            wantActive = (int)Math.Clamp(remaining, 0, parallelism);
        }

        if (active.Count > wantActive)
        {
            var surplus = active.OrderBy(PodStatus.DeletionRank)
                .ThenByDescending(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal)
                .Take(active.Count - wantActive).ToList();
            DeletePods(job, surplus, uncounted: true);
            active.RemoveAll(surplus.Contains);
            return null;
        }

        if (active.Count == wantActive)
        {
            return null;
        }

        var wait = PodBackoffLeft(job, now);
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        IEnumerable<int?> slots = indexed
            ? PendingIndexes(job, status, active).Select(i => (int?)i)
            : Enumerable.Repeat<int?>(null, wantActive - active.Count);
        foreach (var index in slots.Take(Math.Min(wantActive - active.Count, BurstPods)))
        {
            try
            {
                var pod = store.Create(WorkloadResources.Pods, job.Namespace(), NewPod(job, index));
                active.Add(pod);
                events.Normal(job, "SuccessfulCreate", "Created pod: " + pod.Name(), Source);
            }
            catch (ApiException e)
            {
                // A quota or an admission rule refuses the pod: the next would be refused too. Try again later.
                events.Warning(job, "FailedCreate", "Error creating: " + e.Message, Source, latestMessage: true);
                return FirstPodBackoff;
            }
        }

        return null;
    }

    /// <summary>The indexes of an Indexed Job that neither succeeded nor run, lowest first.</summary>
    private static IEnumerable<int> PendingIndexes(JsonObject job, JsonObject status, List<JsonObject> active)
    {
        var completions = (int)Math.Min(job.Long("spec", "completions") ?? 1, int.MaxValue);
        var done = JobIndexes.Parse(status.Str("completedIndexes"));
        var running = active.Select(CompletionIndex).OfType<int>().ToHashSet();
        return Enumerable.Range(0, completions).Where(i => !done.Contains(i) && !running.Contains(i));
    }

    /// <summary>
    /// Deletes pods, recording SuccessfulDelete. A pod deleted because the Job finished still counts (as failed, unless
    /// it succeeds meanwhile); one removed by a scale-down or a suspend is <paramref name="uncounted"/>: released first.
    /// </summary>
    private void DeletePods(JsonObject job, IEnumerable<JsonObject> pods, bool uncounted)
    {
        foreach (var pod in pods)
        {
            if (uncounted)
            {
                ReleasePod(pod);
            }

            if (store.Delete(WorkloadResources.Pods, pod.Namespace(), pod.Name()) is not null)
            {
                events.Normal(job, "SuccessfulDelete", "Deleted pod: " + pod.Name(), Source);
            }
        }
    }

    /// <summary>A pod from the Job's template: owned by it, tracked by the finalizer, and for an Indexed Job numbered.</summary>
    private static JsonObject NewPod(JsonObject job, int? index)
    {
        var template = job.Obj("spec", "template");
        var metadata = new JsonObject
        {
            ["generateName"] = index is { } i ? $"{job.Name()}-{i.ToString(CultureInfo.InvariantCulture)}-" : job.Name() + "-",
            ["namespace"] = job.Namespace(),
            ["labels"] = template.Obj("metadata", "labels")?.DeepClone() ?? new JsonObject(),
        };
        var spec = template.Obj("spec")?.DeepClone().AsObject() ?? [];
        if (index is { } n)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            var annotations = template.Obj("metadata", "annotations")?.DeepClone().AsObject() ?? [];
            annotations[JobIndexes.Annotation] = text;
            metadata["annotations"] = annotations;
            metadata["labels"]![JobIndexes.Annotation] = text;
            if (string.IsNullOrEmpty(spec.Str("hostname")))
            {
                spec["hostname"] = $"{job.Name()}-{text}";
            }

            foreach (var container in spec.Arr("initContainers").Objects().Concat(spec.Arr("containers").Objects()))
            {
                AddIndexVariable(container);
            }
        }
        else if (template.Obj("metadata", "annotations") is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["finalizers"] = new JsonArray(TrackingFinalizer);
        metadata["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("batch/v1", "Job", job));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }

    // addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX from the pod's index label, unless the container sets it.
    private static void AddIndexVariable(JsonObject container)
    {
        var env = container["env"] as JsonArray ?? [];
        container["env"] = env;
        if (env.Objects().Any(e => e.Str("name") == "JOB_COMPLETION_INDEX"))
        {
            return;
        }

        env.Add(new JsonObject
        {
            ["name"] = "JOB_COMPLETION_INDEX",
            ["valueFrom"] = new JsonObject
            {
                ["fieldRef"] = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["fieldPath"] = $"metadata.labels['{JobIndexes.Annotation}']",
                },
            },
        });
    }
}
