using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Labs.Kube;

namespace Labs.Grading.Tests;

/// <summary>An in-memory <see cref="IKubeClient"/> keyed by resource type, namespace and name; reads only.</summary>
internal sealed class FakeKubeClient : IKubeClient
{
    private readonly Dictionary<(string Group, string Plural, string? Ns, string Name), JsonObject> _objects = [];
    private readonly Dictionary<(string Group, string Plural, string? Ns, string Name), Exception> _errors = [];

    public List<(ResourceType Type, string? Ns, string Name)> Reads { get; } = [];

    public FakeKubeClient Add(ResourceType type, string? ns, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        _objects[(type.Group, type.Plural, ns, name)] = obj;
        return this;
    }

    public FakeKubeClient Fail(ResourceType type, string? ns, string name, Exception error)
    {
        _errors[(type.Group, type.Plural, ns, name)] = error;
        return this;
    }

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads.Add((type, ns, name));
        var key = (type.Group, type.Plural, ns, name);
        if (_errors.TryGetValue(key, out var error))
            throw error;
        return Task.FromResult(_objects.TryGetValue(key, out var obj) ? (JsonObject)obj.DeepClone() : null);
    }

    public Task<JsonObject> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        throw new NotSupportedException();
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    public Task<IExecSession> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
