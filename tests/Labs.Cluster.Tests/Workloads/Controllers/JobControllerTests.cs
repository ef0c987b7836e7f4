using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The job controller against the registry's write path (finalizers, defaults, graceful deletion), with pods whose
/// commands really run: completions and parallelism, the backoff limit, the active deadline, Indexed jobs, suspend,
/// the TTL after finishing, and the pods a deleted Job leaves.
/// </summary>
public sealed class JobControllerTests
{
    private const string Ns = "learner-3";

    private static SimulatorFixture NewFixture() => SimulatorFixture.OverRegistry(Ns);

    private static JsonObject Job(string name, string script, string extraSpec = "", string restartPolicy = "Never") => (JsonObject)JsonNode.Parse($$"""
        { "apiVersion": "batch/v1", "kind": "Job", "metadata": { "name": "{{name}}" },
          "spec": { {{extraSpec}} "template": { "spec": { "restartPolicy": "{{restartPolicy}}",
            "containers": [ { "name": "work", "image": "busybox", "command": ["sh", "-c", {{JsonValue.Create(script).ToJsonString()}}] } ] } } } }
        """)!;

    private static Task<JsonObject> ConditionAsync(SimulatorFixture f, string name, string type) =>
        Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Jobs, Ns, name) is { } j
                && j.Arr("status", "conditions").Objects().Any(c => c.Str("type") == type && c.Str("status") == "True") ? j : null,
            $"job {name} to be {type}");

    private static JsonObject Suspended(JsonObject job) => job.Arr("status", "conditions").Objects().Single(c => c.Str("type") == "Suspended");

    private static List<JsonObject> PodsOf(SimulatorFixture f, string job) =>
        [.. f.Pods(Ns).Where(p => p.Str("metadata", "labels", "batch.kubernetes.io/job-name") == job)];

    private static List<string> Events(SimulatorFixture f, string name) =>
        [.. f.Store.List(new GroupResource("", "events"), Ns).Items
            .Where(e => e.Str("involvedObject", "kind") == "Job" && e.Str("involvedObject", "name") == name)
            .OrderBy(e => e.Str("firstTimestamp"), StringComparer.Ordinal)
            .Select(e => $"{e.Str("type")} {e.Str("reason")}: {e.Str("message")}")];

    [Fact]
    public async Task A_job_whose_pod_succeeds_is_complete_with_its_count_conditions_and_events_and_the_pod_is_released()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("hello", "echo hi"));

        var job = await ConditionAsync(f, "hello", "Complete");

        var status = job.Obj("status")!;
        Assert.Equal(1, status.Long("succeeded"));
        Assert.Null(status["failed"]);
        Assert.Null(status["active"]);
        Assert.Equal(0, status.Long("ready"));
        Assert.Equal(0, status.Long("terminating"));
        Assert.Equal("{}", status["uncountedTerminatedPods"]!.ToJsonString());
        Assert.NotNull(status.Str("startTime"));
        Assert.Equal(status.Arr("conditions").Objects().ElementAt(1).Str("lastTransitionTime"), status.Str("completionTime"));
        var conditions = status.Arr("conditions").Objects().ToList();
        Assert.Equal(["SuccessCriteriaMet", "Complete"], conditions.Select(c => c.Str("type")));
        Assert.All(conditions, c =>
        {
            Assert.Equal("CompletionsReached", c.Str("reason"));
            Assert.Equal("Reached expected number of succeeded pods", c.Str("message"));
        });

        var pod = Assert.Single(PodsOf(f, "hello"));
        Assert.StartsWith("hello-", pod.Name(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", pod.Str("status", "phase"));
        Assert.Null(pod.At("metadata", "finalizers"));
        var owner = pod.ControllerRef()!;
        Assert.Equal(("batch/v1", "Job", job.Uid()), (owner.Str("apiVersion"), owner.Str("kind"), owner.Str("uid")));
        Assert.Equal([$"Normal SuccessfulCreate: Created pod: {pod.Name()}", "Normal Completed: Job completed"], Events(f, "hello"));
    }

    [Fact]
    public async Task A_running_pod_carries_the_tracking_finalizer_until_it_is_counted()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("slow", "sleep 3600"));

        var pod = await Eventually.WaitAsync(() => PodsOf(f, "slow").FirstOrDefault(p => p.Str("status", "phase") == "Running"), "the pod to run");

        Assert.Equal(JobController.TrackingFinalizer, pod.Arr("metadata", "finalizers")?[0]?.GetValue<string>());
        var job = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Jobs, Ns, "slow") is { } j && j.Long("status", "ready") == 1 ? j : null, "the job to count its ready pod");
        Assert.Equal(1, job.Long("status", "active"));

        // A learner deletes the running pod: it counts as failed, and a replacement starts (after the 10 s back-off).
        f.Store.Delete(WorkloadResources.Pods, Ns, pod.Name(), gracePeriodSeconds: 0);
        job = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Jobs, Ns, "slow") is { } j && j.Long("status", "failed") == 1 ? j : null, "the deleted pod to count as failed");
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, pod.Name()) is null, "the deleted pod to go once released");
        await Eventually.WaitAsync(() => PodsOf(f, "slow").Any(p => p.Name() != pod.Name()), "a replacement pod");
    }

    [Fact]
    public async Task A_job_past_its_backoff_limit_fails_after_limit_plus_one_failed_pods()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("fail", "echo failing; exit 3", "\"backoffLimit\": 1,"));

        var job = await ConditionAsync(f, "fail", "Failed");

        Assert.Equal(2, job.Long("status", "failed"));
        Assert.Null(job.At("status", "completionTime"));
        var conditions = job.Arr("status", "conditions").Objects().ToList();
        Assert.Equal(["FailureTarget", "Failed"], conditions.Select(c => c.Str("type")));
        Assert.All(conditions, c => Assert.Equal(("BackoffLimitExceeded", "Job has reached the specified backoff limit"), (c.Str("reason"), c.Str("message"))));
        var pods = PodsOf(f, "fail");
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Failed", p.Str("status", "phase")));
        Assert.All(pods, p => Assert.Equal(3, p.Arr("status", "containerStatuses").Objects().Single().Long("state", "terminated", "exitCode")));
        Assert.Equal("Warning BackoffLimitExceeded: Job has reached the specified backoff limit", Events(f, "fail")[^1]);

        // The replacement waited for the pod back-off (10 s after the first failure).
        var created = pods.Select(p => DateTimeOffset.Parse(p.Str("metadata", "creationTimestamp")!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(created[1] - created[0] >= TimeSpan.FromSeconds(9), $"the second pod came {created[1] - created[0]} after the first");
    }

    [Fact]
    public async Task A_job_past_its_active_deadline_fails_and_its_running_pods_are_stopped()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("late", "sleep 3600", "\"activeDeadlineSeconds\": 2, \"parallelism\": 2, \"completions\": 4,"));

        var job = await ConditionAsync(f, "late", "Failed");

        Assert.Equal("DeadlineExceeded", job.Arr("status", "conditions").Objects().ElementAt(1).Str("reason"));
        Assert.Equal("Job was active longer than specified deadline", job.Arr("status", "conditions").Objects().ElementAt(1).Str("message"));
        Assert.Equal(2, job.Long("status", "failed"));
        Assert.Equal(0, job.Long("status", "terminating"));
        await Eventually.WaitAsync(() => PodsOf(f, "late").Count == 0, "the stopped pods to go");
        var events = Events(f, "late");
        Assert.Equal(2, events.Count(e => e.StartsWith("Normal SuccessfulDelete: Deleted pod: late-", StringComparison.Ordinal)));
        Assert.Equal("Warning DeadlineExceeded: Job was active longer than specified deadline", events[^1]);
    }

    [Fact]
    public async Task An_indexed_job_runs_each_index_once_with_its_number_in_the_environment_and_hostname()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("shards", "echo shard $JOB_COMPLETION_INDEX of $(hostname)",
            "\"completionMode\": \"Indexed\", \"completions\": 3, \"parallelism\": 2,"));

        var job = await ConditionAsync(f, "shards", "Complete");

        Assert.Equal("0-2", job.Str("status", "completedIndexes"));
        Assert.Equal(3, job.Long("status", "succeeded"));
        var pods = PodsOf(f, "shards").OrderBy(p => p.Str("metadata", "annotations", JobIndexes.Annotation), StringComparer.Ordinal).ToList();
        Assert.Equal(["0", "1", "2"], pods.Select(p => p.Str("metadata", "labels", JobIndexes.Annotation)));
        Assert.All(pods, p => Assert.StartsWith($"shards-{p.Str("metadata", "annotations", JobIndexes.Annotation)}-", p.Name(), StringComparison.Ordinal));
        Assert.Equal(["shards-0", "shards-1", "shards-2"], pods.Select(p => p.Str("spec", "hostname")));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"shard {i} of shards-{i}", (await f.LogsAsync(pods[i])).Trim());
        }
    }

    [Fact]
    public async Task Suspending_a_job_stops_its_pods_uncounted_and_resuming_starts_them_again()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("batch", "sleep 3600", "\"parallelism\": 2, \"completions\": 2,"));
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Jobs, Ns, "batch")?.Long("status", "ready") == 2, "two ready pods");

        SetSuspend(f, "batch", true);

        var job = await ConditionAsync(f, "batch", "Suspended");
        Assert.Equal(("JobSuspended", "Job suspended"), (Suspended(job).Str("reason"), Suspended(job).Str("message")));
        await Eventually.WaitAsync(() => PodsOf(f, "batch").Count == 0, "the pods to be stopped");
        job = f.Store.Get(WorkloadResources.Jobs, Ns, "batch")!;
        Assert.Null(job.At("status", "failed"));

        SetSuspend(f, "batch", false);
        await Eventually.WaitAsync(() => PodsOf(f, "batch").Count == 2, "two new pods");
        job = f.Store.Get(WorkloadResources.Jobs, Ns, "batch")!;
        Assert.Equal(("False", "JobResumed"), (Suspended(job).Str("status"), Suspended(job).Str("reason")));
        var events = Events(f, "batch");
        Assert.Contains("Normal Suspended: Job suspended", events);
        Assert.Contains("Normal Resumed: Job resumed", events);
    }

    // As kubectl patch does: the controller may write the Job's status in between, so a conflict is retried on the latest.
    private static void SetSuspend(SimulatorFixture f, string name, bool suspend)
    {
        for (var attempt = 0; ; attempt++)
        {
            var job = f.Store.Get(WorkloadResources.Jobs, Ns, name)!;
            job["spec"]!["suspend"] = suspend;
            try
            {
                f.Store.Update(WorkloadResources.Jobs, Ns, job);
                return;
            }
            catch (Api.ApiException e) when (e.Code == 409 && attempt < 20)
            {
            }
        }
    }

    [Fact]
    public async Task A_finished_job_with_a_ttl_is_deleted_with_its_pods()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("brief", "true", "\"ttlSecondsAfterFinished\": 1,"));

        await ConditionAsync(f, "brief", "Complete");

        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Jobs, Ns, "brief") is null && PodsOf(f, "brief").Count == 0, "the job and its pod to go");
    }

    [Fact]
    public async Task Pods_orphaned_by_a_job_deletion_are_released_and_stay()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("keep", "sleep 3600"));
        var pod = await Eventually.WaitAsync(() => PodsOf(f, "keep").FirstOrDefault(), "the pod");

        ((RegistryStore)f.Store).Delete(WorkloadResources.Jobs, Ns, "keep", propagation: "Orphan", dryRun: false);

        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, pod.Name()) is { } p && p.At("metadata", "finalizers") is null ? p : null, "the orphan to be released");
        Assert.Empty(f.Store.Get(WorkloadResources.Pods, Ns, pod.Name())!.Arr("metadata", "ownerReferences") ?? []);
    }

    [Fact]
    public async Task Deleting_a_job_in_the_background_deletes_its_pods()
    {
        await using var f = NewFixture();
        f.Store.Create(WorkloadResources.Jobs, Ns, Job("gone", "sleep 3600"));
        await Eventually.WaitAsync(() => PodsOf(f, "gone").Count == 1, "the pod");

        ((RegistryStore)f.Store).Delete(WorkloadResources.Jobs, Ns, "gone", propagation: "Background", dryRun: false);

        await Eventually.WaitAsync(() => PodsOf(f, "gone").Count == 0, "the pod to go with its job");
    }
}
