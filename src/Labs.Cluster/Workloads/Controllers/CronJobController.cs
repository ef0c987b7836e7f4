using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Registry.Batch;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// batch/v1 CronJobs → Jobs, as kube-controller-manager's cronjob controller (v2): at each time the schedule names, on
/// the cluster clock and in <c>spec.timeZone</c> (UTC without one), it creates the Job <c>&lt;cronjob&gt;-&lt;minutes
/// since the epoch&gt;</c>, honouring <c>suspend</c>, <c>startingDeadlineSeconds</c> and <c>concurrencyPolicy</c>; it
/// keeps <c>status.active</c>, <c>lastScheduleTime</c> and <c>lastSuccessfulTime</c>, and deletes finished Jobs past the
/// history limits. It sleeps until the next scheduled time: nothing polls.
/// </summary>
internal sealed partial class CronJobController(IObjectStore store, EventRecorder events, TimeProvider time)
    : OwnerController(WorkloadResources.CronJobs, "CronJob", WorkloadResources.Jobs)
{
    /// <summary>The annotation with the time a Job was scheduled for, in the CronJob's time zone.</summary>
    public const string ScheduledAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    // nextScheduleDelta: look again a little after the scheduled time, so the clock surely has passed it.
    private static readonly TimeSpan NextScheduleDelta = TimeSpan.FromMilliseconds(100);
    private static readonly EventRecorder.Source Source = new("cronjob-controller");

    /// <inheritdoc />
    protected override IObjectStore Store => store;

    /// <inheritdoc />
    public override string Name => "cronjob-controller";

    /// <inheritdoc />
    public override TimeSpan? Reconcile(string ns, string name)
    {
        var cronJob = store.Get(WorkloadResources.CronJobs, ns, name);
        if (cronJob is null)
        {
            return null;
        }

        var jobs = store.List(WorkloadResources.Jobs, ns).Items.Where(j => j.ControllerRef() is { } owner
            && owner.Str("kind") == "CronJob" && owner.Str("uid") == cronJob.Uid()).ToList();
        var status = cronJob.Obj("status")?.DeepClone().AsObject() ?? [];
        TrackActive(cronJob, status, jobs);
        TimeSpan? again = null;
        if (cronJob.At("metadata", "deletionTimestamp") is null)
        {
            again = Schedule(cronJob, status, jobs);
            CleanUpFinished(cronJob, jobs);
        }

        if (!JsonNode.DeepEquals(cronJob.Obj("status"), status))
        {
            cronJob["status"] = status;
            store.UpdateStatus(WorkloadResources.CronJobs, ns, cronJob);
        }

        return again;
    }

    /// <summary>Takes finished and vanished Jobs out of <c>status.active</c>; notes the latest success.</summary>
    private void TrackActive(JsonObject cronJob, JsonObject status, List<JsonObject> jobs)
    {
        var active = status.Arr("active").Objects().Select(r => r.DeepClone().AsObject()).ToList();
        foreach (var job in jobs)
        {
            var listed = active.FirstOrDefault(r => r.Str("uid") == job.Uid());
            var outcome = Outcome(job);
            if (listed is not null && outcome is not null)
            {
                active.Remove(listed);
                events.Normal(cronJob, "SawCompletedJob", $"Saw completed job: {job.Name()}, status: {outcome}", Source);
            }
            else if (listed is null && outcome is null)
            {
                events.Warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: " + job.Name(), Source);
            }

            if (outcome == "Complete" && job.Str("status", "completionTime") is { } completed
                && string.CompareOrdinal(completed, status.Str("lastSuccessfulTime")) > 0)
            {
                status["lastSuccessfulTime"] = completed;
            }
        }

        foreach (var missing in active.Where(r => jobs.All(j => j.Uid() != r.Str("uid"))).ToList())
        {
            active.Remove(missing);
            events.Normal(cronJob, "MissingJob", "Active job went missing: " + missing.Str("name"), Source);
        }

        if (active.Count > 0)
        {
            status["active"] = new JsonArray([.. active]);
        }
        else
        {
            status.Remove("active");
        }
    }

    /// <summary>Starts the Job of the most recent unmet scheduled time, if it is due; returns when the next one is.</summary>
    private TimeSpan? Schedule(JsonObject cronJob, JsonObject status, List<JsonObject> jobs)
    {
        var text = cronJob.Str("spec", "schedule") ?? string.Empty;
        if (CronSchedule.Parse(text, out var schedule) is { } problem)
        {
            events.Warning(cronJob, "UnparseableSchedule", $"unparseable schedule: {Schema.GoText.Quote(text)} : {problem}", Source);
            return null;
        }

        if (ZoneOf(cronJob) is not { } zone)
        {
            events.Warning(cronJob, "UnknownTimeZone",
                $"invalid timeZone: {Schema.GoText.Quote(cronJob.Str("spec", "timeZone") ?? string.Empty)}: unknown time zone {cronJob.Str("spec", "timeZone")}", Source);
            return null;
        }

        if (cronJob.At("spec", "suspend") is JsonValue suspend && suspend.TryGetValue<bool>(out var suspended) && suspended)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var (scheduled, manyMissed, earliest) = MostRecentScheduleTime(cronJob, status, schedule!, zone, now);
        if (manyMissed)
        {
            events.Warning(cronJob, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", Source);
        }

        if (scheduled is not { } at)
        {
            return NextIn(schedule!, zone, earliest, now);
        }

        var again = NextIn(schedule!, zone, at, now);
        if (cronJob.Long("spec", "startingDeadlineSeconds") is { } deadline && at + TimeSpan.FromSeconds(deadline) < now)
        {
            events.Warning(cronJob, "MissSchedule", "Missed scheduled time to start a job: " + at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture), Source);
            return again;
        }

        var jobName = JobName(cronJob, at);
        if (status.Arr("active").Objects().Any(r => r.Str("name") == jobName) || status.Str("lastScheduleTime") == JsonPaths.Timestamp(at))
        {
            return again;
        }

        var policy = cronJob.Str("spec", "concurrencyPolicy") ?? "Allow";
        if (policy == "Forbid" && status.Arr("active").Objects().Any())
        {
            events.Normal(cronJob, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", Source);
            return again;
        }

        if (policy == "Replace")
        {
            foreach (var running in status.Arr("active").Objects().ToList())
            {
                if (store.Delete(WorkloadResources.Jobs, cronJob.Namespace(), running.Str("name") ?? string.Empty) is not null)
                {
                    events.Normal(cronJob, "SuccessfulDelete", "Deleted job " + running.Str("name"), Source);
                }
            }

            status.Remove("active");
        }

        JsonObject created;
        try
        {
            created = store.Create(WorkloadResources.Jobs, cronJob.Namespace(), NewJob(cronJob, jobName, at, zone));
            events.Normal(cronJob, "SuccessfulCreate", "Created job " + created.Name(), Source);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Created before (a restart between the create and the status write): take it up if it is ours.
            if (store.Get(WorkloadResources.Jobs, cronJob.Namespace(), jobName) is not { } existing || existing.ControllerRef()?.Str("uid") != cronJob.Uid())
            {
                return again;
            }

            created = existing;
        }
        catch (ApiException e)
        {
            events.Warning(cronJob, "FailedCreate", "Error creating job: " + e.Message, Source);
            throw;
        }

        var active = status.Arr("active")?.DeepClone().AsArray() ?? [];
        if (Outcome(created) is null && active.Objects().All(r => r.Str("uid") != created.Uid()))
        {
            active.Add(Reference(created));
        }

        if (active.Count > 0)
        {
            status["active"] = active;
        }

        status["lastScheduleTime"] = JsonPaths.Timestamp(at);
        return again;
    }

    /// <summary>"Complete" or "Failed" once a Job has finished, else null.</summary>
    private static string? Outcome(JsonObject job) => JobController.TerminalCondition(job)?.Str("type");

    private static TimeZoneInfo? ZoneOf(JsonObject cronJob)
    {
        if (cronJob.Str("spec", "timeZone") is not { Length: > 0 } name)
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static TimeSpan? NextIn(CronSchedule schedule, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset now)
    {
        var next = schedule.Next(after > now ? after : now, zone);
        return next is { } at ? at - now + NextScheduleDelta : null;
    }

    private static JsonObject Reference(JsonObject job) => new()
    {
        ["kind"] = "Job",
        ["namespace"] = job.Namespace(),
        ["name"] = job.Name(),
        ["uid"] = job.Uid(),
        ["apiVersion"] = "batch/v1",
        ["resourceVersion"] = job.Str("metadata", "resourceVersion"),
    };
}
