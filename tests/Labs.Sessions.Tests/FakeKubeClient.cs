using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Labs.Kube;

namespace Labs.Sessions.Tests;

/// <summary>An in-memory API: objects by type, namespace and name; pods run as soon as they are created.</summary>
internal sealed class FakeKubeClient : IKubeClient
{
    private readonly Dictionary<(string, string?, string), JsonObject> _objects = [];

    public List<string> Log { get; } = [];

    /// <summary>When set, creating this kind fails with 403.</summary>
    public string? FailOnKind { get; set; }

    public bool PodsRun { get; set; } = true;

    public IReadOnlyDictionary<(string Plural, string? Namespace, string Name), JsonObject> Objects => _objects;

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue((type.Plural, ns, name), out var o) ? (JsonObject?)o.DeepClone().AsObject() : null);

    public Task<JsonObject> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject body, CancellationToken cancellationToken = default)
    {
        if (type.Kind == FailOnKind)
        {
            throw new KubeApiException(403, "Forbidden", $"{type.Plural} is forbidden");
        }

        var name = body["metadata"]!["name"]!.GetValue<string>();
        if (!_objects.TryAdd((type.Plural, ns, name), body.DeepClone().AsObject()))
        {
            throw new KubeApiException(409, "AlreadyExists", $"{type.Plural} \"{name}\" already exists");
        }

        if (type == ResourceType.Pods && PodsRun)
        {
            _objects[(type.Plural, ns, name)]["status"] = new JsonObject { ["phase"] = "Running" };
        }

        Log.Add($"create {type.Kind} {ns}/{name}");
        return Task.FromResult(body);
    }

    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        Log.Add($"delete {type.Kind} {ns}/{name}");
        return Task.FromResult(_objects.Remove((type.Plural, ns, name)));
    }

    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default)
    {
        Log.Add($"create {type.Kind}/{subresource} {ns}/{name}");
        return Task.FromResult(new JsonObject { ["status"] = new JsonObject { ["token"] = $"token-for-{ns}-{name}" } });
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    /// <summary>What an exec answers; the requests are recorded in <see cref="Execs"/>.</summary>
    public FakeExecSession NextExec { get; set; } = new("", 0);

    public List<ExecRequest> Execs { get; } = [];

    public Task<IExecSession> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        Execs.Add(request);
        Log.Add($"exec {request.Namespace}/{request.Pod} {string.Join(' ', request.Command)}");
        return Task.FromResult<IExecSession>(NextExec);
    }
}
