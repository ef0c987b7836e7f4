using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>
/// The LimitRanger admission plugin (plugin/pkg/admission/limitranger): on pod create it fills each container's missing
/// requests and limits from the namespace's LimitRanges (and says so in the <c>kubernetes.io/limit-ranger</c> annotation),
/// then rejects pods and PersistentVolumeClaims outside a range's min, max or limit/request ratio.
/// </summary>
internal static class LimitRanger
{
    /// <summary>The annotation that records what the plugin filled in.</summary>
    public const string Annotation = "kubernetes.io/limit-ranger";

    /// <summary>Fills defaults into a pod being created; other writes are left alone.</summary>
    public static void Mutate(AdmissionRequest request, IReadOnlyList<JsonObject> limitRanges)
    {
        if (!Applies(request) || request.Kind != "Pod")
        {
            return;
        }

        foreach (var limitRange in limitRanges)
        {
            var (requests, limits) = ContainerDefaults(limitRange);
            var notes = new List<string>();
            foreach (var (container, init) in PodResources.Containers(request.Object["spec"] as JsonObject))
            {
                var resources = container["resources"] as JsonObject ?? [];
                container["resources"] = resources;
                var setLimits = Fill(resources, "limits", limits);
                var setRequests = Fill(resources, "requests", requests);
                var what = init ? "init container" : "container";
                if (setRequests.Count > 0)
                {
                    notes.Add($"{string.Join(", ", setRequests)} request for {what} {(string?)container["name"]}");
                }

                if (setLimits.Count > 0)
                {
                    notes.Add($"{string.Join(", ", setLimits)} limit for {what} {(string?)container["name"]}");
                }
            }

            if (notes.Count > 0)
            {
                var metadata = request.Object["metadata"] as JsonObject ?? [];
                request.Object["metadata"] = metadata;
                var annotations = metadata["annotations"] as JsonObject ?? [];
                metadata["annotations"] = annotations;
                annotations[Annotation] = "LimitRanger plugin set: " + string.Join("; ", notes);
            }
        }
    }

    /// <summary>Throws 403 Forbidden when a pod or claim breaks a LimitRange of its namespace.</summary>
    public static void Validate(AdmissionRequest request, IReadOnlyList<JsonObject> limitRanges)
    {
        if (!Applies(request))
        {
            return;
        }

        foreach (var limitRange in limitRanges)
        {
            var errors = request.Kind switch
            {
                "Pod" => LimitRangeConstraints.CheckPod(limitRange, request.Object),
                "PersistentVolumeClaim" => LimitRangeConstraints.CheckClaim(limitRange, request.Object),
                _ => [],
            };
            if (errors.Count > 0)
            {
                throw request.Forbidden(Aggregate(errors));
            }
        }
    }

    /// <summary>Pods on create and claims on create or update, not objects being deleted (as SupportsAttributes).</summary>
    private static bool Applies(AdmissionRequest request) =>
        request.Namespace.Length > 0
        && (request.Kind == "PersistentVolumeClaim" || (request.Kind == "Pod" && request.Operation == AdmissionOperation.Create))
        && request.OldObject?["metadata"]?["deletionTimestamp"] is null;

    /// <summary>The default requests and limits of a range's Container items (later items win).</summary>
    private static (ResourceList Requests, ResourceList Limits) ContainerDefaults(JsonObject limitRange)
    {
        var requests = new ResourceList();
        var limits = new ResourceList();
        foreach (var item in (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>().Where(i => (string?)i["type"] == "Container"))
        {
            foreach (var (name, value) in ResourceList.Read(item["defaultRequest"]))
            {
                requests[name] = value;
            }

            foreach (var (name, value) in ResourceList.Read(item["default"]))
            {
                limits[name] = value;
            }
        }

        return (requests, limits);
    }

    /// <summary>Sets each default the container lacks; returns the names set, sorted.</summary>
    private static List<string> Fill(JsonObject resources, string field, ResourceList defaults)
    {
        var set = new List<string>();
        if (defaults.Count == 0)
        {
            return set;
        }

        var current = resources[field] as JsonObject ?? [];
        resources[field] = current;
        foreach (var (name, value) in defaults)
        {
            if (!current.ContainsKey(name))
            {
                current[name] = value.ToString();
                set.Add(name);
            }
        }

        return set;
    }

    /// <summary>apimachinery's aggregate error text: one message as is, several deduplicated in brackets.</summary>
    private static string Aggregate(IReadOnlyList<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
