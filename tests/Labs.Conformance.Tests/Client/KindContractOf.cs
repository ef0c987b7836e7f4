using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

/// <summary>The contract of one kind, with the client's typed calls for it.</summary>
/// <typeparam name="T">The kind's model, e.g. <see cref="V1ConfigMap"/>.</typeparam>
/// <typeparam name="TList">Its list model.</typeparam>
public sealed class KindContractOf<T, TList> : KindContract
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly JsonSerializerOptions s_statusOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Group { get; init; }

    public required string Plural { get; init; }

    public required bool Namespaced { get; init; }

    public required string KindName { get; init; }

    public override string Kind => KindName;

    /// <summary>The served version of the group the contract goes through; <c>v1</c> unless said.</summary>
    public string Version { get; init; } = "v1";

    public override string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>A valid new object of the kind.</summary>
    public required Func<string, string, T> Manifest { get; init; }

    public required Func<IKubernetes, T, string, CancellationToken, Task<T>> Create { get; init; }

    public required Func<IKubernetes, string, string, CancellationToken, Task<T>> Read { get; init; }

    public required Func<IKubernetes, string, CancellationToken, Task<TList>> List { get; init; }

    /// <summary>The object's name made from a fresh one, for kinds whose names have a form of their own (CRDs: plural.group).</summary>
    public Func<string, string> ObjectName { get; init; } = name => name;

    /// <summary>Watches with a field selector (the second argument is the namespace, the third the selector).</summary>
    public required Func<IKubernetes, string, string, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch { get; init; }

    public required Func<IKubernetes, V1Patch, string, string, CancellationToken, Task<T>> Patch { get; init; }

    /// <summary>Deletes; the client's model of the answer is the kind's or a <see cref="V1Status"/>, as the API spec says.</summary>
    public required Func<IKubernetes, string, string, CancellationToken, Task<object>> Delete { get; init; }

    public override async Task RunAsync(IKubernetes kube, RecordingHandler recorder, string ns, CancellationToken cancellationToken)
    {
        var name = ObjectName("contract-" + Guid.NewGuid().ToString("N")[..8]);
        var prefix = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        var collection = Namespaced ? $"{prefix}/namespaces/{ns}/{Plural}" : $"{prefix}/{Plural}";
        var item = $"{collection}/{name}";

        var created = await Create(kube, Manifest(ns, name), ns, cancellationToken);
        Lossless.Assert(recorder.Last("POST", collection).Text, created, $"create {Kind}");

        var read = await Read(kube, ns, name, cancellationToken);
        Lossless.Assert(recorder.Last("GET", item).Text, read, $"get {Kind}");
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);

        var list = await List(kube, ns, cancellationToken);
        Lossless.Assert(recorder.Last("GET", collection).Text, list, $"list {Kind}");

        await WatchOneAsync(kube, recorder, ns, name, collection, cancellationToken);

        var patch = new V1Patch("""{"metadata":{"labels":{"contract":"patched"}}}""", V1Patch.PatchType.MergePatch);
        var patched = await Patch(kube, patch, ns, name, cancellationToken);
        Lossless.Assert(recorder.Last("PATCH", item).Text, patched, $"patch {Kind}");
        Assert.Equal("patched", patched.Metadata.Labels?["contract"]);

        var deleted = await Delete(kube, ns, name, cancellationToken);
        AssertDeleteAnswer(recorder.Last("DELETE", item).Text, deleted);
    }

    private async Task WatchOneAsync(IKubernetes kube, RecordingHandler recorder, string ns, string name, string collection, CancellationToken cancellationToken)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watching.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var (type, seen) in Watch(kube, ns, $"metadata.name={name}", watching.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            var line = recorder.Last("GET", collection).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            var rawEvent = JsonNode.Parse(line)!.AsObject();
            Assert.Equal("ADDED", rawEvent["type"]!.GetValue<string>());
            Lossless.Assert(rawEvent["object"]!.ToJsonString(), seen, $"watch {Kind}");
            return;
        }

        Assert.Fail($"The watch of {Kind} {name} ended without an event.");
    }

    private void AssertDeleteAnswer(string raw, object deleted)
    {
        var kind = JsonNode.Parse(raw)?["kind"]?.GetValue<string>();
        switch (deleted)
        {
            case V1Status { HasObject: true } view:
                Lossless.Assert(raw, view.ObjectView<T>(), $"delete {Kind} (object answer)");
                break;
            case V1Status status when kind == "Status":
                Assert.Equal("Success", status.Status);
                var back = JsonNode.Parse(JsonSerializer.Serialize(status, s_statusOptions))!.AsObject();
                // The client's own flag of whether the answer was an object, not something the server said.
                back.Remove("hasObject");
                Assert.True(JsonNode.DeepEquals(WithoutNulls(JsonNode.Parse(raw)), back), $"delete {Kind}: the typed V1Status lost what the server said: {raw} vs {back.ToJsonString()}");
                break;
            case V1Status:
                Assert.Fail($"delete {Kind}: the server answered a {kind}, which the client's V1Status does not hold: {raw}");
                break;
            case T typed:
                Lossless.Assert(raw, typed, $"delete {Kind}");
                break;
            default:
                Assert.Fail($"delete {Kind}: unexpected answer model {deleted.GetType().Name}");
                break;
        }
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, value) in obj)
            {
                WithoutNulls(value);
            }
        }

        return node;
    }
}
