using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>Pod and PodSpec defaults.</summary>
public static partial class ObjectDefaults
{
    /// <summary>Pod defaults, with those of the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins.</summary>
    internal static void ApplyPod(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        ApplyPodSpec(spec);
        SetIfMissing(spec, "enableServiceLinks", true);
        DefaultRequestsToLimits(spec);

        // The ServiceAccount, Priority and DefaultTolerationSeconds admission plugins run on every pod create.
        SetString(spec, "serviceAccountName", Text(spec, "serviceAccount") is { Length: > 0 } legacy ? legacy : "default");
        SetString(spec, "serviceAccount", Text(spec, "serviceAccountName")!);
        SetIfMissing(spec, "priority", 0);
        SetIfMissing(spec, "preemptionPolicy", "PreemptLowerPriority");
        AddDefaultToleration(spec, "node.kubernetes.io/not-ready");
        AddDefaultToleration(spec, "node.kubernetes.io/unreachable");

        JsonObject status = Child(obj, "status");
        SetString(status, "phase", "Pending");
        SetString(status, "qosClass", QosClass(spec));
    }

    // SetDefaults_Pod, not SetDefaults_PodSpec: a pod's requests default to its limits, a template's stay as written.
    private static void DefaultRequestsToLimits(JsonObject spec)
    {
        foreach (string list in new[] { "initContainers", "containers" })
        {
            foreach (JsonObject container in Items(spec, list))
            {
                if (container["resources"] is JsonObject resources && resources["limits"] is JsonObject limits)
                {
                    JsonObject requests = Child(resources, "requests");
                    foreach (var (name, value) in limits)
                    {
                        SetIfMissing(requests, name, value?.DeepClone() ?? JsonValue.Create("0"));
                    }
                }
            }
        }
    }

    /// <summary>The pod defaults of a pod template (<c>{metadata, spec}</c>), as every kind that carries one gets them.</summary>
    internal static void ApplyPodTemplate(JsonObject template) => ApplyPodSpec(Child(template, "spec"));

    private static void ApplyPodSpec(JsonObject spec)
    {
        SetString(spec, "dnsPolicy", "ClusterFirst");
        SetString(spec, "restartPolicy", "Always");
        SetIfMissing(spec, "terminationGracePeriodSeconds", 30);
        SetIfMissing(spec, "securityContext", new JsonObject());
        SetString(spec, "schedulerName", "default-scheduler");
        foreach (string list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            foreach (JsonObject container in Items(spec, list))
            {
                ApplyContainer(container);
            }
        }

        foreach (JsonObject volume in Items(spec, "volumes"))
        {
            ApplyVolume(volume);
        }
    }

    private static void ApplyContainer(JsonObject container)
    {
        SetString(container, "terminationMessagePath", "/dev/termination-log");
        SetString(container, "terminationMessagePolicy", "File");
        if (Text(container, "image") is { } image)
        {
            SetString(container, "imagePullPolicy", PullPolicyFor(image));
        }

        Child(container, "resources");

        foreach (JsonObject port in Items(container, "ports"))
        {
            SetString(port, "protocol", "TCP");
        }

        foreach (string probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p)
            {
                SetIfMissing(p, "timeoutSeconds", 1);
                SetIfMissing(p, "periodSeconds", 10);
                SetIfMissing(p, "successThreshold", 1);
                SetIfMissing(p, "failureThreshold", 3);
                ApplyHttpGet(p);
            }
        }

        if (container["lifecycle"] is JsonObject lifecycle)
        {
            foreach (string hook in new[] { "postStart", "preStop" })
            {
                if (lifecycle[hook] is JsonObject handler)
                {
                    ApplyHttpGet(handler);
                }
            }
        }

        foreach (JsonObject env in Items(container, "env"))
        {
            if (env["valueFrom"] is JsonObject from && from["fieldRef"] is JsonObject fieldRef)
            {
                SetString(fieldRef, "apiVersion", "v1");
            }
        }
    }

    private static void ApplyHttpGet(JsonObject handler)
    {
        if (handler["httpGet"] is JsonObject httpGet)
        {
            SetString(httpGet, "path", "/");
            SetString(httpGet, "scheme", "HTTP");
        }
    }

    private static void ApplyVolume(JsonObject volume)
    {
        if (!volume.Any(p => p.Key != "name"))
        {
            volume["emptyDir"] = new JsonObject();
        }

        foreach (string source in new[] { "secret", "configMap", "downwardAPI", "projected" })
        {
            if (volume[source] is JsonObject s)
            {
                SetIfMissing(s, "defaultMode", 420);
            }
        }

        if (volume["hostPath"] is JsonObject hostPath)
        {
            SetIfMissing(hostPath, "type", "");
        }

        if (volume["downwardAPI"] is JsonObject downward)
        {
            foreach (JsonObject item in Items(downward, "items"))
            {
                if (item["fieldRef"] is JsonObject fieldRef)
                {
                    SetString(fieldRef, "apiVersion", "v1");
                }
            }
        }
    }

    private static void AddDefaultToleration(JsonObject spec, string key)
    {
        if (spec["tolerations"] is not JsonArray tolerations)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }

        bool present = tolerations.OfType<JsonObject>().Any(t =>
            (Text(t, "key") == key || (Text(t, "key") is null or "" && Text(t, "operator") == "Exists"))
            && Text(t, "effect") is null or "" or "NoExecute");
        if (!present)
        {
            tolerations.Add(new JsonObject
            {
                ["key"] = key,
                ["operator"] = "Exists",
                ["effect"] = "NoExecute",
                ["tolerationSeconds"] = 300,
            });
        }
    }

    /// <summary>Always for <c>:latest</c> or untagged images, IfNotPresent for other tags and digests.</summary>
    internal static string PullPolicyFor(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        string last = image[(image.LastIndexOf('/') + 1)..];
        int colon = last.LastIndexOf(':');
        return colon < 0 || last[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static string QosClass(JsonObject spec)
    {
        var containers = Items(spec, "containers").Concat(Items(spec, "initContainers")).ToList();
        bool any = false;
        bool guaranteed = containers.Count > 0;
        foreach (JsonObject container in containers)
        {
            var resources = container["resources"] as JsonObject;
            var requests = resources?["requests"] as JsonObject;
            var limits = resources?["limits"] as JsonObject;
            any |= (requests?.Count ?? 0) > 0 || (limits?.Count ?? 0) > 0;
            foreach (string resource in new[] { "cpu", "memory" })
            {
                string? limit = limits?[resource]?.ToJsonString();
                string? request = requests?[resource]?.ToJsonString();
                guaranteed &= limit is not null && (request is null || request == limit);
            }
        }

        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
