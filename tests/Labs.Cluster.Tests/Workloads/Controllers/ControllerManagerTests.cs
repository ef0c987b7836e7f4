using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The controller manager: one subscription feeding each controller's own queue, resync first, retries after failures.</summary>
public sealed class ControllerManagerTests
{
    private static readonly GroupResource ConfigMaps = new("", "configmaps");

    [Fact]
    public async Task Each_controller_reconciles_the_keys_it_watches_and_what_it_resyncs()
    {
        var store = new FakeObjectStore();
        store.Create(ConfigMaps, "ns", ConfigMap("kept"));
        var mine = new Recording("mine", "a-");
        var theirs = new Recording("theirs", "b-");
        await using (var manager = new ControllerManager(store, [mine, theirs], new FakeTimeProvider(), NullLogger.Instance))
        {
            manager.Start();
            store.Create(ConfigMaps, "ns", ConfigMap("a-1"));
            store.Create(ConfigMaps, "ns", ConfigMap("b-1"));
            await Eventually.WaitAsync(() => mine.Seen.Contains("a-1") && theirs.Seen.Contains("b-1"), "both controllers to see their keys");
            await Eventually.WaitAsync(() => mine.Seen.Contains("kept"), "the resync of what the store kept");
        }

        Assert.DoesNotContain("b-1", mine.Seen);
        Assert.DoesNotContain("a-1", theirs.Seen);
    }

    [Fact]
    public async Task A_failed_reconcile_is_tried_again_later_and_a_returned_delay_brings_the_key_back()
    {
        var store = new FakeObjectStore();
        var clock = new FakeTimeProvider();
        var flaky = new Recording("flaky", "x-") { FailFirst = 1, Again = TimeSpan.FromMinutes(1) };
        await using var manager = new ControllerManager(store, [flaky], clock, NullLogger.Instance);
        manager.Start();
        store.Create(ConfigMaps, "ns", ConfigMap("x-1"));
        await Eventually.WaitAsync(() => flaky.Calls == 1, "the first, failing reconcile");

        // The retry waits for the clock, then the reconcile asks to be called again a minute later.
        await Eventually.WaitAsync(() => { clock.Advance(TimeSpan.FromMilliseconds(100)); return flaky.Calls == 2; }, "the retry after the failure");
        Assert.Equal(2, flaky.Calls);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.WaitAsync(() => flaky.Calls == 3, "the reconcile the returned delay asked for");
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
    };

    private sealed class Recording(string name, string prefix) : IController
    {
        private int _calls;

        public ConcurrentBag<string> Seen { get; } = [];

        public int Calls => Volatile.Read(ref _calls);

        public int FailFirst { get; init; }

        public TimeSpan? Again { get; init; }

        public string Name => name;

        public IEnumerable<WorkItem> KeysFor(StoreEvent change)
        {
            if (change.Object.Name().StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return new WorkItem(change.Resource, change.Object.Namespace(), change.Object.Name());
            }
        }

        public IEnumerable<WorkItem> Resync() => prefix == "a-" ? [new WorkItem(ConfigMaps, "ns", "kept")] : [];

        public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
        {
            Seen.Add(item.Name);
            if (Interlocked.Increment(ref _calls) <= FailFirst)
            {
                throw new InvalidOperationException("a reconcile that fails once");
            }

            return Again;
        }
    }
}
