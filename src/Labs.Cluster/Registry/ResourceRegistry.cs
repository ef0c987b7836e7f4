using Labs.Cluster.Registry.AdmissionRegistration;
using Labs.Cluster.Registry.ApiExtensions;
using Labs.Cluster.Registry.Apps;
using Labs.Cluster.Registry.Autoscaling;
using Labs.Cluster.Registry.Batch;
using Labs.Cluster.Registry.Certificates;
using Labs.Cluster.Registry.Coordination;
using Labs.Cluster.Registry.Core;
using Labs.Cluster.Registry.Discovery;
using Labs.Cluster.Registry.Events;
using Labs.Cluster.Registry.Networking;
using Labs.Cluster.Registry.Policy;
using Labs.Cluster.Registry.Rbac;
using Labs.Cluster.Registry.Scheduling;
using Labs.Cluster.Registry.StorageApi;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// The resource types the embedded cluster serves, one <see cref="ResourceStrategy"/> each: routing, discovery,
/// OpenAPI, tables, selectors, the write path and garbage collection all read this one list.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly ResourceStrategy[] _entries;
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceStrategy> _byPath = [];
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceStrategy> _byKind = [];
    private readonly Dictionary<GroupResource, ResourceStrategy> _byResource = [];

    /// <summary>A registry of <paramref name="entries"/>, in discovery order.</summary>
    public ResourceRegistry(IEnumerable<ResourceStrategy> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        foreach (var entry in _entries)
        {
            var definition = entry.Definition;
            if (!_byPath.TryAdd((definition.Group, definition.Version, definition.Plural), entry))
            {
                throw new InvalidOperationException($"Registry: {definition.Plural}.{definition.Group}/{definition.Version} is declared twice.");
            }

            _byKind.TryAdd((definition.ApiVersion, definition.Kind), entry);
            if (entry.ToStorage is null)
            {
                // The stored version answers for the resource, whichever version discovery prefers.
                _byResource[entry.Resource] = entry;
            }
            else
            {
                _byResource.TryAdd(entry.Resource, entry);
            }
        }

        GroupVersions = _entries.Select(e => (e.Definition.Group, e.Definition.Version)).Distinct().ToArray();
    }

    /// <summary>The built-in kinds of Kubernetes v1.32 that the embedded cluster serves, core group first.</summary>
    public static ResourceRegistry Builtin { get; } = new(
    [
        NamespaceStrategy.Entry,
        PodStrategy.Entry,
        ConfigStrategies.ConfigMaps,
        ConfigStrategies.Secrets,
        ServiceStrategy.Entry,
        ConfigStrategies.ServiceAccounts,
        NodeStrategy.Entry,
        EventStrategy.Entry,
        QuotaStrategies.ResourceQuotas,
        QuotaStrategies.LimitRanges,
        ControllerStrategies.Endpoints,
        VolumeStrategies.Claims,
        VolumeStrategies.Volumes,
        ControllerStrategies.ReplicationControllers,
        ControllerStrategies.PodTemplates,
        AppsStrategies.Deployments,
        AppsStrategies.ReplicaSets,
        StatefulSetStrategy.Entry,
        DaemonSetStrategy.Entry,
        ControllerRevisionStrategy.Entry,
        EventsV1Strategy.Entry,
        JobStrategy.Entry,
        CronJobStrategy.Entry,
        HorizontalPodAutoscalerStrategies.V2,
        HorizontalPodAutoscalerStrategies.V1,
        RbacStrategies.Roles,
        RbacStrategies.RoleBindings,
        RbacStrategies.ClusterRoles,
        RbacStrategies.ClusterRoleBindings,
        NetworkingStrategies.Ingresses,
        NetworkingStrategies.IngressClasses,
        NetworkingStrategies.NetworkPolicies,
        PodDisruptionBudgetStrategy.Entry,
        StorageStrategies.StorageClasses,
        StorageStrategies.CsiDrivers,
        StorageStrategies.VolumeAttachments,
        PriorityClassStrategy.Entry,
        LeaseStrategy.Entry,
        EndpointSliceStrategy.Entry,
        CertificateSigningRequestStrategy.Entry,
        AdmissionRegistrationStrategies.MutatingWebhooks,
        AdmissionRegistrationStrategies.ValidatingWebhooks,
        AdmissionRegistrationStrategies.Policies,
        AdmissionRegistrationStrategies.PolicyBindings,
        CustomResourceDefinitionStrategy.Entry,
    ]);

    /// <summary>
    /// This registry with <paramref name="extra"/> served after its own entries (custom resources); an extra entry at a
    /// path already served is left out.
    /// </summary>
    public ResourceRegistry With(IEnumerable<ResourceStrategy> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var added = new List<ResourceStrategy>(_entries);
        foreach (var entry in extra)
        {
            var d = entry.Definition;
            if (!added.Any(e => e.Definition.Group == d.Group && e.Definition.Version == d.Version && e.Definition.Plural == d.Plural))
            {
                added.Add(entry);
            }
        }

        return new ResourceRegistry(added);
    }

    /// <summary>One entry per stored resource type (the stored version), for work that visits every stored object once.</summary>
    public IEnumerable<ResourceStrategy> Stored => _byResource.Values;

    /// <summary>Every entry, in discovery order.</summary>
    public IReadOnlyList<ResourceStrategy> All => _entries;

    /// <summary>The served versions of each group, in discovery order (core group as the empty string).</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions { get; }

    /// <summary>The entry served at <c>/apis/{group}/{version}/{plural}</c> (group empty for <c>/api/v1</c>), or null.</summary>
    public ResourceStrategy? Find(string group, string version, string plural) => _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The entry of objects with this <c>apiVersion</c> (e.g. <c>apps/v1</c>) and <c>kind</c>, or null.</summary>
    public ResourceStrategy? FindByKind(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The entry a stored resource type belongs to (its preferred version), or null.</summary>
    public ResourceStrategy? For(GroupResource resource) => _byResource.GetValueOrDefault(resource);
}
