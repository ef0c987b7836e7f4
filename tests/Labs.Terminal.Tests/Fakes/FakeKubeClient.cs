using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Labs.Kube;

namespace Labs.Terminal.Tests.Fakes;

/// <summary>Only exec is implemented: each call returns a new <see cref="FakeExecSession"/>.</summary>
public sealed class FakeKubeClient : IKubeClient
{
    public ConcurrentQueue<ExecRequest> ExecRequests { get; } = new();

    public ConcurrentQueue<FakeExecSession> Execs { get; } = new();

    /// <summary>When set, <see cref="ExecAsync"/> throws it (e.g. the pod is not running yet).</summary>
    public Exception? ExecFailure { get; set; }

    /// <summary>Output the next shell prints as soon as it starts.</summary>
    public List<byte[]> InitialOutput { get; } = [];

    public FakeExecSession LastExec => Execs.Last();

    public Task<IExecSession> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default)
    {
        ExecRequests.Enqueue(request);
        if (ExecFailure is not null)
        {
            throw ExecFailure;
        }

        var exec = new FakeExecSession();
        foreach (var chunk in InitialOutput)
        {
            exec.Print(chunk);
        }

        InitialOutput.Clear();
        Execs.Enqueue(exec);
        return Task.FromResult<IExecSession>(exec);
    }

    public Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
