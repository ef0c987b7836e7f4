using Labs.Cluster.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The controllers' work queue: deduplication, delays on an injected clock, and keys re-added while handed out.</summary>
public sealed class WorkQueueTests
{
    private static readonly GroupResource Pods = new("", "pods");

    [Fact]
    public async Task A_key_added_many_times_waits_once()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        var key = new WorkItem(Pods, "ns", "a");
        queue.Add(key);
        queue.Add(key);
        queue.Add(new WorkItem(Pods, "ns", "a"));
        queue.Add(new WorkItem(Pods, "ns", "b"));
        Assert.Equal(2, queue.Count);

        var seen = await ReadAsync(queue, 2);
        Assert.Equal(["a", "b"], seen.Select(k => k.Name));
    }

    [Fact]
    public async Task A_key_added_while_it_is_handed_out_comes_again()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        var key = new WorkItem(Pods, "ns", "a");
        queue.Add(key);
        var first = await ReadAsync(queue, 1);
        queue.Add(key);
        Assert.Equal(1, queue.Count);
        Assert.Equal(first, await ReadAsync(queue, 1));
    }

    [Fact]
    public async Task A_delayed_key_comes_when_the_clock_reaches_its_earliest_due_time()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock);
        var key = new WorkItem(Pods, "ns", "a");
        queue.AddAfter(key, TimeSpan.FromSeconds(10));
        queue.AddAfter(key, TimeSpan.FromSeconds(3));
        queue.AddAfter(key, TimeSpan.FromSeconds(20));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        await ReadAsync(queue, 1);

        // The later timers were replaced, not left to fire again.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_disposed_queue_ends_its_reader_and_drops_delayed_keys()
    {
        var clock = new FakeTimeProvider();
        var queue = new WorkQueue(clock);
        queue.AddAfter(new WorkItem(Pods, "ns", "a"), TimeSpan.FromSeconds(1));
        queue.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        queue.Add(new WorkItem(Pods, "ns", "b"));

        var items = new List<WorkItem>();
        await foreach (var item in queue.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        Assert.Empty(items);
    }

    private static async Task<List<WorkItem>> ReadAsync(WorkQueue queue, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var items = new List<WorkItem>();
        await foreach (var item in queue.ReadAllAsync(timeout.Token))
        {
            items.Add(item);
            if (items.Count == count)
            {
                break;
            }
        }

        return items;
    }
}
