using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task An_object_gone_or_changed_under_a_reconcile_is_reconciled_again_shortly_and_not_logged_as_a_failure()
    {
        var store = new FakeObjectStore();
        var clock = new FakeTimeProvider();
        var log = new CountingLogger();
        var raced = new Recording("raced", "x-")
        {
            FailFirst = 2,
            Failure = call => call == 1 ? ApiErrors.NotFound(ConfigMaps, "x-1") : ApiErrors.Conflict(ConfigMaps, "x-1"),
        };
        await using var manager = new ControllerManager(store, [raced], clock, log);
        manager.Start();
        store.Create(ConfigMaps, "ns", ConfigMap("x-1"));
        await Eventually.WaitAsync(() => { clock.Advance(TimeSpan.FromMilliseconds(10)); return raced.Calls == 3; }, "two quick retries");
        Assert.Equal(0, log.Warnings);
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

        public Func<int, Exception> Failure { get; init; } = _ => new InvalidOperationException("a reconcile that fails once");

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
            var call = Interlocked.Increment(ref _calls);
            if (call <= FailFirst)
            {
                throw Failure(call);
            }

            return Again;
        }
    }

    private sealed class CountingLogger : ILogger
    {
        private int _warnings;

        public int Warnings => Volatile.Read(ref _warnings);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Interlocked.Increment(ref _warnings);
            }
        }
    }
}
