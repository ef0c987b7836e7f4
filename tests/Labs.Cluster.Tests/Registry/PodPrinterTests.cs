using System.Text.Json.Nodes;
using Labs.Cluster.Registry.Core;

namespace Labs.Cluster.Registry;

/// <summary>The READY, STATUS and RESTARTS cells of <c>kubectl get pods</c> for the states printPod distinguishes.</summary>
public sealed class PodPrinterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-03T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // A running pod, and one whose only container is not ready.
    [InlineData("""{"phase":"Running","containerStatuses":[{"ready":true,"restartCount":0,"state":{"running":{}}}]}""", "1/1", "Running", "0")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"ready":false,"restartCount":0,"state":{"running":{}}}]}""", "0/1", "Running", "0")]
    // The last container's waiting reason wins; restarts say how long ago the last one ended.
    [InlineData("""{"phase":"Running","containerStatuses":[{"ready":false,"restartCount":4,"lastState":{"terminated":{"finishedAt":"2026-12-03T11:58:00Z"}},"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}""",
        "0/1", "CrashLoopBackOff", "4 (2m ago)")]
    // One container finished, one still serving: Running while Ready, NotReady when not.
    [InlineData("""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"ready":true,"state":{"running":{}}}]}""",
        "1/2", "Running", "0")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"ready":true,"state":{"running":{}}},{"ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""",
        "1/2", "NotReady", "0")]
    // An exit with no reason, and a pod evicted with a reason of its own.
    [InlineData("""{"phase":"Failed","containerStatuses":[{"ready":false,"state":{"terminated":{"exitCode":137}}}]}""", "0/1", "ExitCode:137", "0")]
    [InlineData("""{"phase":"Failed","reason":"Evicted"}""", "0/1", "Evicted", "0")]
    [InlineData("""{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}""", "0/1", "SchedulingGated", "0")]
    public void A_pod_without_init_containers(string status, string ready, string shown, string restarts)
    {
        var pod = Pod(status);
        Assert.Equal((ready, shown, restarts), PodPrinter.Cells(pod, Now));
    }

    [Theory]
    [InlineData("""[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"b","state":{"running":{}}}]""", "Init:1/2")]
    [InlineData("""[{"name":"a","state":{"terminated":{"exitCode":3}}},{"name":"b","state":{"waiting":{"reason":"PodInitializing"}}}]""", "Init:ExitCode:3")]
    [InlineData("""[{"name":"a","state":{"waiting":{"reason":"ImagePullBackOff"}}},{"name":"b","state":{"waiting":{"reason":"PodInitializing"}}}]""", "Init:ImagePullBackOff")]
    [InlineData("""[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"b","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]""", "PodInitializing")]
    public void Init_progress_shows_until_the_pod_is_initialized(string initStatuses, string shown)
    {
        var pod = Pod("""{"phase":"Pending","initContainerStatuses":""" + initStatuses +
            ""","containerStatuses":[{"name":"main","ready":false,"state":{"waiting":{"reason":"PodInitializing"}}}]}""");
        pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" });
        Assert.Equal(shown, PodPrinter.Cells(pod, Now).Status);
    }

    [Fact]
    public void A_started_sidecar_counts_among_the_ready_containers_and_its_restarts_stay_counted()
    {
        var pod = Pod("""
            {"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
             "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":2,"lastState":{"terminated":{"finishedAt":"2026-12-03T11:00:00Z"}},"state":{"running":{}}}],
             "containerStatuses":[{"name":"main","ready":true,"restartCount":0,"state":{"running":{}}}]}
            """);
        pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "proxy", ["restartPolicy"] = "Always" });
        Assert.Equal(("2/2", "Running", "2 (60m ago)"), PodPrinter.Cells(pod, Now));
    }

    [Fact]
    public void A_pod_being_deleted_is_terminating_unless_it_has_finished()
    {
        var running = Pod("""{"phase":"Running","containerStatuses":[{"ready":true,"state":{"running":{}}}]}""");
        running["metadata"]!["deletionTimestamp"] = "2026-12-03T11:59:00Z";
        Assert.Equal("Terminating", PodPrinter.Cells(running, Now).Status);

        var done = Pod("""{"phase":"Succeeded","containerStatuses":[{"ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""");
        done["metadata"]!["deletionTimestamp"] = "2026-12-03T11:59:00Z";
        Assert.Equal("Completed", PodPrinter.Cells(done, Now).Status);
    }

    // A pod with as many containers as its status has (at least one).
    private static JsonObject Pod(string status)
    {
        var parsed = JsonNode.Parse(status)!.AsObject();
        var count = Math.Max(1, (parsed["containerStatuses"] as JsonArray)?.Count ?? 0);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["name"] = $"c{i}" })]) },
            ["status"] = parsed,
        };
    }
}
