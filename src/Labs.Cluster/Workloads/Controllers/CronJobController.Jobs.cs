using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Registry.Batch;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The CronJob controller's schedule arithmetic, the Jobs it makes, and its history clean-up.</summary>
internal sealed partial class CronJobController
{
    // Past this many unmet times the controller warns (and still starts only the most recent).
    private const int ManyMissed = 100;

    /// <summary>
    /// mostRecentScheduleTime: the latest time the schedule named after the last scheduled one (or the CronJob's
    /// creation, or now minus startingDeadlineSeconds, whichever is latest) and not after now; null when none has come.
    /// </summary>
    private static (DateTimeOffset? Scheduled, bool ManyMissed, DateTimeOffset Earliest) MostRecentScheduleTime(
        JsonObject cronJob, JsonObject status, CronSchedule schedule, TimeZoneInfo zone, DateTimeOffset now)
    {
        var earliest = Time(status.Str("lastScheduleTime")) ?? Time(cronJob.Str("metadata", "creationTimestamp")) ?? now;
        if (cronJob.Long("spec", "startingDeadlineSeconds") is { } deadline && now - TimeSpan.FromSeconds(deadline) > earliest)
        {
            earliest = now - TimeSpan.FromSeconds(deadline);
        }

        // Every unmet time is walked (a minute schedule missed for a year is half a million cheap steps); only the latest runs.
        DateTimeOffset? latest = null;
        var missed = 0;
        for (var t = schedule.Next(earliest, zone); t is { } at && at <= now; t = schedule.Next(at, zone))
        {
            latest = at;
            missed++;
        }

        return (latest, missed > ManyMissed, earliest);
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>getJobName: the CronJob's name and the scheduled time in minutes since the epoch, one name per time.</summary>
    private static string JobName(JsonObject cronJob, DateTimeOffset scheduled) =>
        $"{cronJob.Name()}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>getJobFromTemplate2: the template's labels, annotations and spec, the scheduled time, the CronJob as controller.</summary>
    private static JsonObject NewJob(JsonObject cronJob, string name, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = cronJob.Obj("spec", "jobTemplate");
        var annotations = template.Obj("metadata", "annotations")?.DeepClone().AsObject() ?? [];
        var local = TimeZoneInfo.ConvertTime(scheduled, zone);
        annotations[ScheduledAnnotation] = zone == TimeZoneInfo.Utc
            ? JsonPaths.Timestamp(scheduled)
            : local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (local.Offset == TimeSpan.Zero ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture));
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = cronJob.Namespace(),
            ["annotations"] = annotations,
            ["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("batch/v1", "CronJob", cronJob)),
        };
        if (template.Obj("metadata", "labels") is { } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>cleanupFinishedJobs: the oldest finished Jobs (by start time) beyond successful- and failedJobsHistoryLimit go.</summary>
    private void CleanUpFinished(JsonObject cronJob, List<JsonObject> jobs)
    {
        void Prune(string outcome, long? limit)
        {
            if (limit is not { } keep)
            {
                return;
            }

            var finished = jobs.Where(j => Outcome(j) == outcome)
                .OrderBy(j => j.Str("status", "startTime") is null ? 1 : 0)
                .ThenBy(j => j.Str("status", "startTime"), StringComparer.Ordinal)
                .ThenBy(j => j.Name(), StringComparer.Ordinal)
                .ToList();
            foreach (var old in finished.Take(Math.Max(0, finished.Count - (int)Math.Min(keep, int.MaxValue))))
            {
                if (store.Delete(WorkloadResources.Jobs, old.Namespace(), old.Name()) is not null)
                {
                    events.Normal(cronJob, "SuccessfulDelete", "Deleted job " + old.Name(), Source);
                }
            }
        }

        Prune("Complete", cronJob.Long("spec", "successfulJobsHistoryLimit"));
        Prune("Failed", cronJob.Long("spec", "failedJobsHistoryLimit"));
    }
}
