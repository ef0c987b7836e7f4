using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Labs.Kube;

namespace Labs.Testing;

/// <summary>
/// An in-memory Kubernetes API placed in front of the real KubernetesClient's HTTP handler, so that tests exercise
/// the client's own requests and models: discovery, create, get, list, watch (the current objects, then the end of
/// the stream), delete and the token subresource, for the kinds in <see cref="Served"/>. Pods created while
/// <see cref="PodsRun"/> holds are Running at once. Failures are injected per verb and resource. Nothing leaves the process.
/// </summary>
public sealed partial class FakeKubernetesApi : DelegatingHandler
{
    private readonly ConcurrentDictionary<(string Plural, string? Namespace, string Name), JsonObject> _objects = new();
    private readonly ConcurrentDictionary<(string Verb, string Plural), (HttpStatusCode Code, string Reason)> _failures = new();
    private readonly List<KubeResource> _served =
    [
        new("", "v1", "namespaces", "Namespace", false),
        new("", "v1", "pods", "Pod", true),
        new("", "v1", "configmaps", "ConfigMap", true),
        new("", "v1", "secrets", "Secret", true),
        new("", "v1", "services", "Service", true),
        new("", "v1", "serviceaccounts", "ServiceAccount", true),
        new("", "v1", "resourcequotas", "ResourceQuota", true),
        new("", "v1", "limitranges", "LimitRange", true),
        new("apps", "v1", "deployments", "Deployment", true),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        new("batch", "v1", "jobs", "Job", true),
        new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
        new("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false),
        new("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true),
        new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
    ];

    private readonly ConcurrentDictionary<(string Verb, string Plural), Exception> _thrown = new();
    private readonly Lock _gate = new();
    private readonly List<string> _log = [];
    private Kubernetes? _client;
    private KubeObjects? _generic;

    /// <summary>The kinds the fake serves (and lists in discovery).</summary>
    public IReadOnlyList<KubeResource> Served => _served;

    /// <summary>
    /// Answers (Local)SubjectAccessReviews, and SelfSubjectAccessReviews made while impersonating (the user and groups
    /// of the Impersonate-User and Impersonate-Group headers are put into the spec): given the review's spec, whether it
    /// is allowed. Default: nothing is allowed.
    /// </summary>
    public Func<JsonObject, bool> AccessReview { get; set; } = _ => false;

    /// <summary>Whether created pods are Running at once. Default true.</summary>
    public bool PodsRun { get; set; } = true;

    /// <summary>A copy of the writes so far: <c>create Kind ns/name</c>, <c>create Kind/sub ns/name</c>, <c>delete Kind ns/name</c>.</summary>
    public List<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Every request as <c>METHOD path?query</c>, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Stored objects by plural, namespace (null for cluster-scoped) and name.</summary>
    public IReadOnlyDictionary<(string Plural, string? Namespace, string Name), JsonObject> Stored => _objects;

    /// <summary>A KubernetesClient (made by <see cref="KubeClients.Create"/>) whose every request this fake answers.</summary>
    public Kubernetes Client => _client ??= KubeClients.Create(new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443" }, this);

    /// <summary>The platform's generic client (discovery-based kinds) over <see cref="Client"/>.</summary>
    public KubeObjects Generic => _generic ??= new KubeObjects(Client, new KindCatalog(Client));

    /// <summary>Serves one more kind.</summary>
    public FakeKubernetesApi Serve(KubeResource resource)
    {
        _served.Add(resource);
        return this;
    }

    /// <summary>Stores an object (its metadata.name names it) as if it had been created.</summary>
    public FakeKubernetesApi Add(string plural, string? ns, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        _objects[(plural, ns, obj["metadata"]!["name"]!.GetValue<string>())] = obj;
        return this;
    }

    /// <summary>Makes every <paramref name="verb"/> (get, list, watch, create, delete) of <paramref name="plural"/> fail.</summary>
    public FakeKubernetesApi Fail(string verb, string plural, HttpStatusCode code, string reason)
    {
        _failures[(verb, plural)] = (code, reason);
        return this;
    }

    /// <summary>
    /// Makes every <paramref name="verb"/> of <paramref name="plural"/> throw, as a broken connection or a client timeout
    /// does; verb <c>discovery</c> with a group-version (<c>v1</c>, <c>apps/v1</c>) breaks that discovery.
    /// </summary>
    public FakeKubernetesApi Throw(string verb, string plural, Exception exception)
    {
        _thrown[(verb, plural)] = exception;
        return this;
    }

    /// <summary>Ends a failure <see cref="Fail"/> or <see cref="Throw"/> injected.</summary>
    public FakeKubernetesApi Heal(string verb, string plural)
    {
        _failures.TryRemove((verb, plural), out _);
        _thrown.TryRemove((verb, plural), out _);
        return this;
    }

    private void Record(string entry)
    {
        lock (_gate)
        {
            _log.Add(entry);
        }
    }
}
