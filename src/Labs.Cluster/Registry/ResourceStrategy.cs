using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// One entry of the registry: everything the embedded cluster knows about one resource type, in kube-apiserver's
/// terms (the REST strategy and the printer of the kind). The generic handlers and the shared write path
/// (<see cref="RegistryStore"/>) read it; no other code asks which kind an object is. Entries are declared as data in
/// a file per kind or API group (<c>Registry/Core/PodStrategy.cs</c>, <c>Registry/Apps/AppsStrategies.cs</c>...).
/// </summary>
internal sealed class ResourceStrategy
{
    /// <summary>Creates the entry of a resource type; everything but its discovery data has a default.</summary>
    public ResourceStrategy(ResourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Resource = new GroupResource(definition.Group, definition.Plural);
    }

    /// <summary>What discovery publishes: group, version, names, scope, verbs, short names, categories, subresources.</summary>
    public ResourceDefinition Definition { get; }

    /// <summary>
    /// The storage key of the type: its own group and plural, unless it is served from another group's storage (as
    /// events.k8s.io Events are from core Events).
    /// </summary>
    public GroupResource Resource { get; init; }

    /// <summary>Which names objects may have (NameIsDNSSubdomain unless the kind's validation says otherwise).</summary>
    public NameRule Names { get; init; } = NameRule.Subdomain;

    /// <summary>The columns of <c>kubectl get</c> (the kind's printer); Name and Created At for kinds without one.</summary>
    public IReadOnlyList<TableColumn> Columns { get; init; } = TableColumns.Default;

    /// <summary>The fields a field selector may name (the kind's field label conversion).</summary>
    public SelectableFields Fields { get; init; } = SelectableFields.MetadataOnly;

    /// <summary>
    /// What a DELETE without a propagation policy does to dependents (the strategy's DefaultGarbageCollectionPolicy):
    /// <c>Background</c> for most kinds, <c>Orphan</c> where Kubernetes keeps the old default.
    /// </summary>
    public string DefaultPropagation { get; init; } = "Background";

    /// <summary>
    /// Whether a DELETE answers the deleted object (kube-apiserver's ReturnDeletedObject: pods, podtemplates,
    /// serviceaccounts, resourcequotas, persistentvolumes, persistentvolumeclaims, storageclasses, csidrivers and
    /// volumeattachments; namespaces and services by their own REST code) rather than a Status of Success, which is
    /// what clients' typed delete calls expect of every other kind.
    /// </summary>
    public bool ReturnsDeletedObject { get; init; }

    /// <summary>Whether the type has a <c>status</c> subresource, so the main resource cannot write status.</summary>
    public bool HasStatus => Definition.Subresources.Contains("status");

    /// <summary>
    /// Whether objects carry <c>metadata.generation</c>, as the strategies of workloads, policies, ingresses, endpoint
    /// slices, CSI drivers, admission configurations and custom resources set it; ConfigMaps, Services, Pods (in 1.32)
    /// and most other kinds have none.
    /// </summary>
    public bool TracksGeneration { get; init; }

    /// <summary>
    /// Whether a create keeps the status the client sent, as nodeStrategy does (a kubelet registers its node with its
    /// status); every other kind with a status subresource starts with the status its controllers write.
    /// </summary>
    public bool KeepsStatusOnCreate { get; init; }

    /// <summary>Clears or sets fields on create as the API server does (PrepareForCreate), after validation.</summary>
    public Action<JsonObject>? PrepareForCreate { get; init; }

    /// <summary>Records on create who asked for the object (a CertificateSigningRequest's requestor), when a user made the request.</summary>
    public Action<JsonObject, Access.UserInfo>? RecordRequester { get; init; }

    /// <summary>
    /// Sets fields on update before validation (PrepareForUpdate, and defaults that must precede validation, such as a
    /// ReplicationController's selector taken from its template).
    /// </summary>
    public Action<JsonObject>? PrepareForUpdate { get; init; }

    /// <summary>
    /// Takes what an update left out from the stored object (the new object, then the stored one), before validation:
    /// the service REST's patchAllocatedValues keeps a Service's cluster IPs and node ports when a replacement omits
    /// them. Null for kinds that take nothing over.
    /// </summary>
    public Action<JsonObject, JsonObject>? CarryOver { get; init; }

    /// <summary>Server-side defaults (SetDefaults_* and the defaulting admission plugins), on every create and update.</summary>
    public Action<JsonObject>? Defaults { get; init; }

    /// <summary>The kind's own validation on create and update (Validate*), adding to the error list.</summary>
    public Action<JsonObject, FieldErrors>? Validate { get; init; }

    /// <summary>The kind's rules on update beyond <see cref="Validate"/>, chiefly immutable fields (ValidateUpdate*).</summary>
    public Action<JsonObject, JsonObject, FieldErrors>? ValidateUpdate { get; init; }

    /// <summary>
    /// For a version other than the one objects are stored in: turns an object of this version into the stored one.
    /// Null when this version is the stored one (<see cref="FromStorage"/> then is null too).
    /// </summary>
    public Func<JsonObject, JsonObject>? ToStorage { get; init; }

    /// <summary>For a version other than the stored one: turns a stored object into this version.</summary>
    public Func<JsonObject, JsonObject>? FromStorage { get; init; }

    /// <summary>
    /// A custom resource's schema (from its CustomResourceDefinition): the request's decoding prunes unknown fields by it
    /// and leaves value checks to <see cref="Validate"/>. Null for built-in kinds, which the type model describes.
    /// </summary>
    public ApiExtensions.StructuralSchema? Schema { get; init; }

    /// <summary>Where the scale subresource reads and writes; null for the built-in paths (<c>.spec.replicas</c>, <c>.status.replicas</c>).</summary>
    public ApiExtensions.ScalePaths? Scale { get; init; }

    /// <summary>
    /// For kinds deleted gracefully (a pod's CheckGracefulDelete): the grace period in seconds a delete gives an object,
    /// from the one the request asked for (null when it asked none). Null for kinds that are removed at once.
    /// </summary>
    public Func<JsonObject, long?, long>? GracePeriod { get; init; }

    /// <summary>
    /// Replaces the generic delete (remove, then collect dependents) for kinds whose deletion is a process of its own,
    /// such as a namespace's termination. Null for the generic delete.
    /// </summary>
    public DeleteHandler? Delete { get; init; }
}
