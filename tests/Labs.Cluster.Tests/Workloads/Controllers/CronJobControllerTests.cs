using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The cronjob controller on a clock the test moves: Jobs at the scheduled times with their names and annotation, the
/// concurrency policies, the starting deadline, suspend, the history limits and the status it keeps.
/// </summary>
public sealed class CronJobControllerTests
{
    private const string Ns = "learner-5";
    private static readonly GroupResource Events = new("", "events");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T13:59:30Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RegistryStore _store;
    private readonly CronJobController _controller;

    public CronJobControllerTests()
    {
        _store = new RegistryStore(new InMemoryObjectStore(timeProvider: _time), time: _time);
        _store.Create(WorkloadResources.Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Ns } });
        _controller = new CronJobController(_store, new EventRecorder(_store, _time), _time);
    }

    private void CreateCronJob(string name, string schedule, string extraSpec = "") =>
        _store.Create(WorkloadResources.CronJobs, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "batch/v1", "kind": "CronJob", "metadata": { "name": "{{name}}" },
              "spec": { "schedule": "{{schedule}}", {{extraSpec}}
                "jobTemplate": { "metadata": { "labels": { "app": "report" } },
                  "spec": { "template": { "spec": { "restartPolicy": "OnFailure", "containers": [ { "name": "c", "image": "busybox" } ] } } } } } }
            """)!);

    private TimeSpan? Sync(string name) => _controller.Reconcile(Ns, name);

    private List<JsonObject> Jobs() => [.. _store.List(WorkloadResources.Jobs, Ns).Items.OrderBy(j => j.Name(), StringComparer.Ordinal)];

    private JsonObject CronJob(string name) => _store.Get(WorkloadResources.CronJobs, Ns, name)!;

    private List<string> EventsOf(string name) =>
        [.. _store.List(Events, Ns).Items.Where(e => e.Str("involvedObject", "name") == name)
            .OrderBy(e => e.Str("firstTimestamp"), StringComparer.Ordinal).Select(e => $"{e.Str("type")} {e.Str("reason")}: {e.Str("message")}")];

    /// <summary>Marks a Job finished as the job controller would.</summary>
    private void Finish(JsonObject job, string outcome)
    {
        var stamp = JsonPaths.Timestamp(_time.GetUtcNow());
        job["status"] = new JsonObject
        {
            ["startTime"] = stamp,
            ["completionTime"] = outcome == "Complete" ? stamp : null,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = outcome, ["status"] = "True", ["lastTransitionTime"] = stamp }),
        };
        if (outcome != "Complete")
        {
            job.Obj("status")!.Remove("completionTime");
        }

        _store.UpdateStatus(WorkloadResources.Jobs, Ns, job);
    }

    [Fact]
    public void Nothing_runs_before_the_first_scheduled_time_and_the_controller_sleeps_until_it()
    {
        CreateCronJob("report", "* * * * *");

        var again = Sync("report");

        Assert.Empty(Jobs());
        Assert.Equal(TimeSpan.FromSeconds(30.1), again);
    }

    [Fact]
    public void At_the_scheduled_time_a_job_named_for_it_starts_and_is_listed_as_active()
    {
        CreateCronJob("report", "* * * * *");
        _time.Advance(TimeSpan.FromSeconds(31));

        var again = Sync("report");

        var job = Assert.Single(Jobs());
        Assert.Equal("report-29938440", job.Name());
        Assert.Equal("2026-12-03T14:00:00Z", job.Str("metadata", "annotations", CronJobController.ScheduledAnnotation));
        Assert.Equal("report", job.Str("metadata", "labels", "app"));
        var owner = job.ControllerRef()!;
        Assert.Equal(("CronJob", "report", CronJob("report").Uid()), (owner.Str("kind"), owner.Str("name"), owner.Str("uid")));
        Assert.Equal("OnFailure", job.Str("spec", "template", "spec", "restartPolicy"));

        var status = CronJob("report").Obj("status")!;
        Assert.Equal("2026-12-03T14:00:00Z", status.Str("lastScheduleTime"));
        var active = Assert.Single(status.Arr("active").Objects());
        Assert.Equal(("Job", "report-29938440", job.Uid(), "batch/v1"), (active.Str("kind"), active.Str("name"), active.Str("uid"), active.Str("apiVersion")));
        Assert.Equal(TimeSpan.FromSeconds(59.1), again);
        Assert.Equal(["Normal SuccessfulCreate: Created job report-29938440"], EventsOf("report"));

        // The same scheduled time is not run twice.
        Sync("report");
        Assert.Single(Jobs());
    }

    [Fact]
    public void A_finished_job_leaves_the_active_list_and_sets_the_last_successful_time()
    {
        CreateCronJob("report", "* * * * *");
        _time.Advance(TimeSpan.FromSeconds(31));
        Sync("report");
        _time.Advance(TimeSpan.FromSeconds(5));
        Finish(Jobs()[0], "Complete");

        Sync("report");

        var status = CronJob("report").Obj("status")!;
        Assert.Null(status["active"]);
        Assert.Equal("2026-12-03T14:00:06Z", status.Str("lastSuccessfulTime"));
        Assert.Contains("Normal SawCompletedJob: Saw completed job: report-29938440, status: Complete", EventsOf("report"));
    }

    [Fact]
    public void Forbid_skips_a_time_while_a_job_runs_and_replace_deletes_the_running_one()
    {
        CreateCronJob("forbid", "* * * * *", "\"concurrencyPolicy\": \"Forbid\",");
        CreateCronJob("replace", "* * * * *", "\"concurrencyPolicy\": \"Replace\",");
        _time.Advance(TimeSpan.FromSeconds(31));
        Sync("forbid");
        Sync("replace");
        _time.Advance(TimeSpan.FromMinutes(1));

        Sync("forbid");
        Sync("replace");

        Assert.Equal(["forbid-29938440", "replace-29938441"], Jobs().Select(j => j.Name()));
        Assert.Contains("Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid", EventsOf("forbid"));
        Assert.Contains("Normal SuccessfulDelete: Deleted job replace-29938440", EventsOf("replace"));
        Assert.Equal("replace-29938441", Assert.Single(CronJob("replace").Arr("status", "active").Objects()).Str("name"));
    }

    [Fact]
    public void Only_the_most_recent_missed_time_runs_and_one_past_the_starting_deadline_is_skipped()
    {
        CreateCronJob("late", "* * * * *");
        CreateCronJob("strict", "*/10 * * * *", "\"startingDeadlineSeconds\": 30,");
        _time.Advance(TimeSpan.FromMinutes(5));

        Sync("late");
        var again = Sync("strict");

        // The search for missed times starts startingDeadlineSeconds ago: 14:00 is out of reach, 14:10 is next.
        Assert.Equal(["late-29938444"], Jobs().Select(j => j.Name()));
        Assert.Equal(TimeSpan.FromSeconds(330.1), again);
        Assert.Empty(EventsOf("strict"));
    }

    [Fact]
    public void A_suspended_cronjob_starts_nothing()
    {
        CreateCronJob("paused", "* * * * *", "\"suspend\": true,");
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.Null(Sync("paused"));
        Assert.Empty(Jobs());
    }

    [Fact]
    public void Finished_jobs_beyond_the_history_limits_are_deleted_oldest_first()
    {
        CreateCronJob("report", "* * * * *", "\"successfulJobsHistoryLimit\": 2, \"failedJobsHistoryLimit\": 1,");
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            Sync("report");
            var newest = Jobs()[^1];
            Finish(newest, i == 1 || i == 2 ? "Failed" : "Complete");
        }

        Sync("report");

        // Runs 0, 3 and 4 succeeded, 1 and 2 failed: the two newest successes and the newest failure stay.
        Assert.Equal(["report-29938442", "report-29938443", "report-29938444"], Jobs().Select(j => j.Name()));
        Assert.Contains("Normal SuccessfulDelete: Deleted job report-29938440", EventsOf("report"));
        Assert.Contains("Normal SuccessfulDelete: Deleted job report-29938441", EventsOf("report"));
    }

    [Fact]
    public void A_time_zone_schedules_on_its_wall_clock_and_stamps_the_annotation_with_its_offset()
    {
        CreateCronJob("berlin", "0 15 * * *", "\"timeZone\": \"Europe/Berlin\",");
        _time.Advance(TimeSpan.FromMinutes(1));

        Sync("berlin");

        var job = Assert.Single(Jobs());
        Assert.Equal("2026-12-03T15:00:00+01:00", job.Str("metadata", "annotations", CronJobController.ScheduledAnnotation));
    }
}
