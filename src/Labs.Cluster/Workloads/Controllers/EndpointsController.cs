using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The endpoints and endpointslice controllers: every Service with a selector gets an Endpoints object of its name,
/// and EndpointSlices (one per set of ports, labelled with the Service's name, owned by it), listing the pods it
/// selects, the Ready ones under <c>addresses</c>, the others under <c>notReadyAddresses</c>, each with the ports its
/// targetPorts resolve to (a named targetPort by the pod's container ports), and the Service's labels. A Service with
/// no selector keeps the Endpoints its owner writes; a deleted Service's Endpoints go with it.
/// </summary>
internal sealed class EndpointsController(IObjectStore store) : IController
{
    private static readonly GroupResource Endpoints = WorkloadResources.Endpoints;
    private static readonly GroupResource EndpointSlices = new("discovery.k8s.io", "endpointslices");
    private const string ServiceNameLabel = "kubernetes.io/service-name";
    private const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    private const string SliceController = "endpointslice-controller.k8s.io";

    /// <inheritdoc />
    public string Name => "endpoints-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == WorkloadResources.Services)
        {
            yield return WorkItem.Of(WorkloadResources.Services, change.Object);
        }
        else if (change.Resource == WorkloadResources.Pods)
        {
            // Any Service of the namespace may select the pod, before or after the change: the namespace's key.
            yield return new WorkItem(WorkloadResources.Services, change.Object.Namespace(), "");
        }
    }

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(store, WorkloadResources.Services);

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        var ns = item.Namespace ?? "default";
        if (item.Name.Length == 0)
        {
            var pods = store.List(WorkloadResources.Pods, ns).Items;
            foreach (var service in store.List(WorkloadResources.Services, ns).Items)
            {
                Sync(ns, service.Name() ?? "", service, pods);
            }

            return null;
        }

        Sync(ns, item.Name, store.Get(WorkloadResources.Services, ns, item.Name), null);
        return null;
    }

    private void Sync(string ns, string name, JsonObject? service, IReadOnlyList<JsonObject>? pods)
    {
        var existing = store.Get(Endpoints, ns, name);
        if (service is null)
        {
            if (existing is not null)
            {
                store.Delete(Endpoints, ns, name);
            }

            SyncSlices(ns, name, null, []);
            return;
        }

        if (service.Obj("spec", "selector") is not { Count: > 0 } selector || service.Str("spec", "type") == "ExternalName")
        {
            return;
        }

        pods ??= store.List(WorkloadResources.Pods, ns).Items;
        var subsets = Subsets(service, pods.Where(p => JsonPaths.MatchesLabels(selector, p.Obj("metadata", "labels"))));
        SyncSlices(ns, name, service, subsets);
        var labels = service.Obj("metadata", "labels")?.DeepClone() as JsonObject;
        if (existing is null)
        {
            var created = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Endpoints",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            };
            if (labels is not null)
            {
                created.Meta()["labels"] = labels;
            }

            if (subsets.Count > 0)
            {
                created["subsets"] = subsets;
            }

            store.Create(Endpoints, ns, created);
            return;
        }

        var wanted = subsets.Count > 0 ? subsets : null;
        if (JsonNode.DeepEquals(existing["subsets"], wanted) && JsonNode.DeepEquals(existing.Obj("metadata", "labels"), labels))
        {
            return;
        }

        existing.Meta().Remove("labels");
        if (labels is not null)
        {
            existing.Meta()["labels"] = labels;
        }

        existing.Remove("subsets");
        if (wanted is not null)
        {
            existing["subsets"] = wanted;
        }

        store.Update(Endpoints, ns, existing);
    }

    /// <summary>
    /// The Service's EndpointSlices, one per subset (the same addresses and ports as its Endpoints, with conditions),
    /// created by generateName and kept in name order; none for a deleted Service.
    /// </summary>
    private void SyncSlices(string ns, string name, JsonObject? service, JsonArray subsets)
    {
        var existing = store.List(EndpointSlices, ns).Items
            .Where(s => s.Str("metadata", "labels", ServiceNameLabel) == name && s.Str("metadata", "labels", ManagedByLabel) == SliceController)
            .OrderBy(s => s.Name(), StringComparer.Ordinal)
            .ToList();
        var wanted = service is null ? [] : subsets.Objects().Select(subset => Slice(service, subset)).ToList();
        if (service is not null && wanted.Count == 0)
        {
            wanted.Add(Slice(service, new JsonObject { ["ports"] = new JsonArray() }));
        }

        for (var i = 0; i < Math.Max(wanted.Count, existing.Count); i++)
        {
            if (i >= wanted.Count)
            {
                store.Delete(EndpointSlices, ns, existing[i].Name() ?? "");
            }
            else if (i >= existing.Count)
            {
                store.Create(EndpointSlices, ns, wanted[i]);
            }
            else if (!JsonNode.DeepEquals(existing[i]["endpoints"], wanted[i]["endpoints"]) || !JsonNode.DeepEquals(existing[i]["ports"], wanted[i]["ports"]) ||
                     !JsonNode.DeepEquals(existing[i].Obj("metadata", "labels"), wanted[i].Obj("metadata", "labels")))
            {
                var update = existing[i];
                update.Meta()["labels"] = wanted[i].Obj("metadata", "labels")!.DeepClone();
                update["endpoints"] = wanted[i]["endpoints"]!.DeepClone();
                update["ports"] = wanted[i]["ports"]!.DeepClone();
                store.Update(EndpointSlices, ns, update);
            }
        }
    }

    private static JsonObject Slice(JsonObject service, JsonObject subset)
    {
        var labels = service.Obj("metadata", "labels")?.DeepClone() as JsonObject ?? [];
        labels[ServiceNameLabel] = service.Name();
        labels[ManagedByLabel] = SliceController;
        var endpoints = new JsonArray();
        foreach (var (list, ready) in new[] { ("addresses", true), ("notReadyAddresses", false) })
        {
            foreach (var address in subset.Arr(list).Objects())
            {
                endpoints.Add(new JsonObject
                {
                    ["addresses"] = new JsonArray(address.Str("ip")),
                    ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = ready, ["terminating"] = false },
                    ["nodeName"] = address.Str("nodeName"),
                    ["targetRef"] = address["targetRef"]!.DeepClone(),
                });
            }
        }

        var ports = new JsonArray([.. subset.Arr("ports").Objects().Select(p => new JsonObject
        {
            ["name"] = p.Str("name") ?? "",
            ["port"] = p["port"]!.DeepClone(),
            ["protocol"] = p.Str("protocol") ?? "TCP",
        })]);
        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = service.Name() + "-",
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Service",
                    ["name"] = service.Name(),
                    ["uid"] = service.Uid(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = ports,
        };
    }

    /// <summary>The subsets: pods with an IP, grouped by the ports they resolve, addresses sorted by IP.</summary>
    private static JsonArray Subsets(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var publishNotReady = service["spec"]?["publishNotReadyAddresses"] is JsonValue v && v.TryGetValue<bool>(out var publish) && publish;
        var groups = new Dictionary<string, (JsonArray Ports, List<JsonObject> Ready, List<JsonObject> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Str("status", "podIP") is not { Length: > 0 } ip || pod.Str("status", "phase") is "Succeeded" or "Failed" ||
                (pod.At("metadata", "deletionTimestamp") is not null && !publishNotReady))
            {
                continue;
            }

            var ports = Ports(service, pod);
            if (ports.Count == 0)
            {
                continue;
            }

            var key = ports.ToJsonString();
            if (!groups.TryGetValue(key, out var group))
            {
                group = (ports, [], []);
                groups[key] = group;
            }

            var address = new JsonObject
            {
                ["ip"] = ip,
                ["nodeName"] = pod.Str("spec", "nodeName"),
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = pod.Name(), ["namespace"] = pod.Namespace(), ["uid"] = pod.Uid() },
            };
            var ready = publishNotReady || pod.Arr("status", "conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");
            (ready ? group.Ready : group.NotReady).Add(address);
        }

        var subsets = new JsonArray();
        foreach (var (_, (ports, ready, notReady)) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var subset = new JsonObject();
            if (ready.Count > 0)
            {
                subset["addresses"] = new JsonArray([.. ready.OrderBy(a => IpOrder(a.Str("ip")))]);
            }

            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = new JsonArray([.. notReady.OrderBy(a => IpOrder(a.Str("ip")))]);
            }

            subset["ports"] = ports;
            subsets.Add(subset);
        }

        return subsets;
    }

    /// <summary>The Service's ports as this pod serves them: a named targetPort is the container port of that name.</summary>
    private static JsonArray Ports(JsonObject service, JsonObject pod)
    {
        var result = new JsonArray();
        foreach (var port in service.Arr("spec", "ports").Objects())
        {
            var target = port["targetPort"] ?? port["port"];
            long? number = target is JsonValue t && t.TryGetValue<long>(out var n) ? n
                : target is JsonValue s && s.TryGetValue<string>(out var named) ? ContainerPort(pod, named)
                : null;
            if (number is null)
            {
                continue;
            }

            var endpointPort = new JsonObject();
            if (port.Str("name") is { Length: > 0 } name)
            {
                endpointPort["name"] = name;
            }

            endpointPort["port"] = number;
            endpointPort["protocol"] = port.Str("protocol") ?? "TCP";
            result.Add(endpointPort);
        }

        return result;
    }

    // A named targetPort: the port of that name on a container, else on a sidecar (as FindPort looks).
    private static long? ContainerPort(JsonObject pod, string name) =>
        int.TryParse(name, out var numeric) ? numeric
        : pod.Arr("spec", "containers").Objects().Concat(pod.Arr("spec", "initContainers").Objects().Where(Attach.ContainerKinds.IsSidecar))
            .SelectMany(c => c.Arr("ports").Objects())
            .FirstOrDefault(p => p.Str("name") == name)?.Long("containerPort");

    private static string IpOrder(string? ip) =>
        string.Join('.', (ip ?? "").Split('.').Select(part => part.PadLeft(3, '0')));
}
