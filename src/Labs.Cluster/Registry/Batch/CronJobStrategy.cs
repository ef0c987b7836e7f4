using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Registry.Apps;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Batch;

/// <summary>CronJobs (pkg/registry/batch/cronjob): a five-field schedule and a valid job template.</summary>
internal static class CronJobStrategy
{
    /// <summary>The registry entry of <c>cronjobs</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "batch", "v1", "cronjobs", "cronjob", "CronJob", true, ["cj"], ["all"], ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        PrepareForCreate = obj => obj["status"] = new JsonObject(),
        Validate = Validate,
        Defaults = ObjectDefaults.ApplyCronJob,
        Columns =
        [
            NameColumn,
            Col("Schedule", "string", (o, _) => S(o, "spec.schedule"), description: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
            Col("Timezone", "string", (o, _) => S(o, "spec.timeZone", None), description: "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
            Col("Suspend", "boolean", (o, _) => At(o, "spec.suspend") is JsonValue v ? (v.ToJsonString() == "true" ? "True" : "False") : "<unset>",
                description: "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
            Col("Active", "integer", (o, _) => Count(At(o, "status.active")), description: "A list of pointers to currently running jobs."),
            Col("Last Schedule", "string", (o, now) => At(o, "status.lastScheduleTime") is null ? None : AgeOf(S(o, "status.lastScheduleTime"), now),
                description: "Information when was the last time the job was successfully scheduled."),
            AgeColumn,
            Col("Containers", "string", (o, _) => AppsStrategies.Containers(o, "name", "spec.jobTemplate.spec.template"), 1, "Names of each container in the template."),
            Col("Images", "string", (o, _) => AppsStrategies.Containers(o, "image", "spec.jobTemplate.spec.template"), 1, "Images referenced by each container in the template."),
            Col("Selector", "string", (o, _) => SelectorText(At(o, "spec.jobTemplate.spec.selector")), 1, "A label query over pods that should match the pod count."),
        ],
    };

    private static void Validate(JsonObject obj, FieldErrors errors)
    {
        var schedule = obj["spec"]?["schedule"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        if (schedule.Length == 0)
        {
            errors.Required("spec.schedule", string.Empty);
        }
        else if (CronSchedule.Problem(schedule) is { } problem)
        {
            errors.Invalid("spec.schedule", FieldErrors.Quote(schedule), problem);
        }

        JobStrategy.ValidateSpec(obj, errors, "spec.jobTemplate.spec", requireSelector: false);
    }
}
