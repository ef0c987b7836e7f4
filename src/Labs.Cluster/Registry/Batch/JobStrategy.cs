using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Registry.Apps;
using Labs.Cluster.Registry.Core;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Batch;

/// <summary>
/// Jobs (pkg/registry/batch/job): a generated selector and template labels naming the job's uid, restart policy
/// OnFailure or Never, and, for batch/v1's backwards compatibility, dependents orphaned by a DELETE without a policy.
/// </summary>
internal static class JobStrategy
{
    /// <summary>The registry entry of <c>jobs</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "batch", "v1", "jobs", "job", "Job", true, [], ["all"], ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        PrepareForCreate = Prepare,
        Validate = (obj, errors) => ValidateSpec(obj, errors, "spec", requireSelector: true),
        ValidateUpdate = (obj, old, errors) =>
        {
            SelectorRules.Immutable(obj, old, errors);
            TemplateImmutable(obj, old, errors);
        },
        Defaults = ObjectDefaults.ApplyJob,
        DefaultPropagation = "Orphan",
        Columns =
        [
            NameColumn,
            Col("Status", "string", (o, _) => Status(o), description: "Status of the job."),
            Col("Completions", "string", (o, _) => Completions(o), description: "The number of pods which reached phase Succeeded."),
            Col("Duration", "string", Duration, description: "Time required to complete the job."),
            AgeColumn,
            Col("Containers", "string", (o, _) => AppsStrategies.Containers(o, "name"), 1, "Names of each container in the template."),
            Col("Images", "string", (o, _) => AppsStrategies.Containers(o, "image"), 1, "Images referenced by each container in the template."),
            Col("Selector", "string", (o, _) => SelectorText(At(o, "spec.selector")), 1, "A label query over pods that should match the pod count."),
        ],
        Fields = SelectableFields.WithMetadata(FieldLabel.Number("status.successful", "status.succeeded")),
    };

    // validatePodTemplateUpdate: a Job's pod template is fixed, unless the Job is suspended and has never started (then
    // kube-apiserver lets the scheduling directives change; this allows any change of such a Job's template). The new
    // template is compared with its defaults, as the API server defaults before it validates.
    private static void TemplateImmutable(JsonObject obj, JsonObject old, FieldErrors errors)
    {
        if ((bool?)obj["spec"]?["suspend"] == true && old["status"]?["startTime"] is null)
        {
            return;
        }

        var template = obj["spec"]?["template"]?.DeepClone() as JsonObject ?? [];
        ObjectDefaults.ApplyPodTemplate(template);
        if (!JsonNode.DeepEquals(template, old["spec"]?["template"]))
        {
            // Go prints the whole core.PodTemplateSpec here; its path and verdict are what a reader acts on.
            errors.Invalid("spec.template", "core.PodTemplateSpec{...}", "field is immutable");
        }
    }

    /// <summary>
    /// The checks of ValidateJobSpec that a learner meets: the pod template, its restart policy (absent reads as the
    /// pod default Always, which a Job refuses), and a selector matching the template when the selector is manual.
    /// </summary>
    internal static void ValidateSpec(JsonObject obj, FieldErrors errors, string path, bool requireSelector)
    {
        var spec = Step(obj, path) as JsonObject;
        var template = spec?["template"] as JsonObject;
        if (requireSelector && spec?["selector"] is null)
        {
            errors.Required($"{path}.selector", string.Empty);
        }

        PodSpecValidation.Check(template?["spec"] as JsonObject, $"{path}.template.spec", errors.Causes);
        var policy = template?["spec"]?["restartPolicy"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        if (policy is "" or "Always")
        {
            errors.Required($"{path}.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\"");
        }
        else if (policy is not ("OnFailure" or "Never"))
        {
            errors.Causes.Add(("FieldValueNotSupported", $"{path}.template.spec.restartPolicy",
                $"Unsupported value: {FieldErrors.Quote(policy)}: supported values: \"OnFailure\", \"Never\""));
        }

        foreach (var field in (string[])["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"])
        {
            if (Access.JsonFields.Int64(spec?[field]) is < 0 and var value)
            {
                errors.Invalid($"{path}.{field}", value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0");
            }
        }
    }

    /// <summary>generateSelector: job-name and controller-uid labels on the template, the uid label as the selector.</summary>
    private static void Prepare(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        if (spec["manualSelector"]?.ToJsonString() == "true")
        {
            return;
        }

        var name = obj.MetaString("name");
        var uid = obj.MetaString("uid");
        var template = spec["template"] as JsonObject ?? [];
        spec["template"] = template;
        var metadata = template["metadata"] as JsonObject ?? [];
        template["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? [];
        metadata["labels"] = labels;
        foreach (var (key, value) in new (string, string)[] { ("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name),
            ("controller-uid", uid), ("job-name", name) })
        {
            labels[key] ??= value;
        }

        var selector = spec["selector"] as JsonObject ?? [];
        spec["selector"] = selector;
        var matchLabels = selector["matchLabels"] as JsonObject ?? [];
        selector["matchLabels"] = matchLabels;
        matchLabels["batch.kubernetes.io/controller-uid"] ??= uid;
    }

    private static string Status(JsonObject o)
    {
        bool Has(string type) => Objects(At(o, "status.conditions")).FirstOrDefault(c => S(c, "type") == type) is { } c && S(c, "status") == "True";
        return Has("Complete") ? "Complete"
            : Has("Failed") ? "Failed"
            : At(o, "metadata.deletionTimestamp") is not null ? "Terminating"
            : Has("Suspended") ? "Suspended"
            : Has("FailureTarget") ? "FailureTarget"
            : "Running";
    }

    private static string Completions(JsonObject o)
    {
        var succeeded = L(o, "status.succeeded");
        if (At(o, "spec.completions") is not null)
        {
            return $"{succeeded}/{L(o, "spec.completions")}";
        }

        var parallelism = L(o, "spec.parallelism");
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static JsonNode? Duration(JsonObject o, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(S(o, "status.startTime"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            return string.Empty;
        }

        var end = DateTimeOffset.TryParse(S(o, "status.completionTime"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var completed) ? completed : now;
        return HumanDuration.Format(end - start);
    }

    private static JsonNode? Step(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }
}
