using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.CrashWriter;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>
/// What the crash writers were told was durable, and what the store must therefore hold. A key's last acknowledged
/// write must be there, or the one after it (durable but killed before it was acknowledged), nothing else; once a
/// store has been checked, what it held is what every later check must find.
/// </summary>
internal sealed class CrashLedger
{
    // The most changes a check replays (well inside the store's history limit).
    private const int ReplayedChanges = 5_000;

    private readonly Dictionary<string, long> _unchecked = new(StringComparer.Ordinal); // key → last acknowledged seq (-1: none)
    private readonly Dictionary<string, (long Seq, string? ResourceVersion)> _checked = new(StringComparer.Ordinal);
    private readonly List<(string Key, long Seq, long ResourceVersion)> _acks = [];
    private long _lastResourceVersion;

    public void Record(int run, int writers, IReadOnlyList<(string Key, long Seq, long ResourceVersion)> acks)
    {
        for (var writer = 0; writer < writers; writer++)
        {
            for (var slot = 0; slot < CrashWorkload.KeysPerWriter; slot++)
            {
                _unchecked[CrashWorkload.Key(run, writer, slot)] = -1;
            }
        }

        foreach (var ack in acks)
        {
            Assert.Equal(_unchecked[ack.Key] + 1, ack.Seq);
            _unchecked[ack.Key] = ack.Seq;
            _acks.Add(ack);
        }
    }

    public void Verify(DurableObjectStore store)
    {
        var stored = store.List(CrashWorkload.ConfigMaps, CrashWorkload.Namespace).Items.ToDictionary(o => o.MetaString("name"), StringComparer.Ordinal);
        Assert.All(stored.Keys, key => Assert.True(_checked.ContainsKey(key) || _unchecked.ContainsKey(key), $"{key} is stored but was never written"));
        foreach (var (key, expected) in _checked)
        {
            Assert.Equal(expected, StateOf(key, stored));
        }

        foreach (var (key, acked) in _unchecked)
        {
            var state = StateOf(key, stored);
            Assert.True(Allowed(state.Seq, acked) || Allowed(state.Seq, acked + 1),
                $"{key}: the last acknowledged write was {acked}, the store has {(state.Seq < 0 ? "nothing" : "write " + state.Seq)}");
            _checked[key] = state;
        }

        var maxAcked = _acks.Count == 0 ? 0 : _acks.Max(a => a.ResourceVersion);
        Assert.True(store.CurrentResourceVersion >= Math.Max(maxAcked, _lastResourceVersion),
            $"the store is at resourceVersion {store.CurrentResourceVersion}, yet {Math.Max(maxAcked, _lastResourceVersion)} was acknowledged or seen");
        VerifyReplay(store);
        _lastResourceVersion = store.CurrentResourceVersion;
        _unchecked.Clear();
        _acks.Clear();
    }

    /// <summary>A watch from before the runs since the last check replays every acknowledged write with its own resourceVersion.</summary>
    private void VerifyReplay(DurableObjectStore store)
    {
        if (_acks.Count == 0)
        {
            return;
        }

        var from = Math.Max(_acks.Min(a => a.ResourceVersion) - 1, store.CurrentResourceVersion - ReplayedChanges);
        var replayed = new List<StoreEvent>();
        using (store.Subscribe(from, replayed.Add))
        {
            Assert.Equal(Enumerable.Range(1, (int)(store.CurrentResourceVersion - from)).Select(i => from + i), replayed.Select(e => e.ResourceVersion));
        }

        var byVersion = replayed.ToDictionary(e => e.ResourceVersion);
        foreach (var (key, seq, rv) in _acks.Where(a => a.ResourceVersion > from))
        {
            var change = byVersion[rv];
            Assert.Equal(key, change.Object.MetaString("name"));
            Assert.Equal(CrashWorkload.Operation(seq) switch { "create" => "ADDED", "update" => "MODIFIED", _ => "DELETED" }, change.Type);
            Assert.Equal(CrashWorkload.Operation(seq) == "delete" ? seq - 1 : seq, SeqOf(key, change.Object));
        }
    }

    /// <summary>Which write of the key the store holds (-1: none), checking that its content is exactly that write's.</summary>
    private static (long Seq, string? ResourceVersion) StateOf(string key, Dictionary<string, JsonObject> stored) =>
        stored.TryGetValue(key, out var obj) ? (SeqOf(key, obj), obj.MetaString("resourceVersion")) : (-1, null);

    private static long SeqOf(string key, JsonObject obj)
    {
        var seq = long.Parse((string?)obj["data"]?["seq"] ?? "-1", CultureInfo.InvariantCulture);
        if (!JsonNode.DeepEquals(CrashWorkload.Data(key, seq), obj["data"]))
        {
            Assert.Fail($"{key} holds a half-written or foreign object: {obj.ToJsonString()}");
        }

        return seq;
    }

    // Whether the store holding write `stored` (-1: nothing) is what write `seq` (-1: none yet) leaves.
    private static bool Allowed(long stored, long seq) =>
        seq < 0 || !CrashWorkload.ExistsAfter(seq) ? stored < 0 : stored == seq;
}
