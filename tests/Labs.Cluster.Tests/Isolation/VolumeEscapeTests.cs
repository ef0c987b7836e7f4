using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Exec;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// The subPath and volume attacks of the security review (CVE-2017-1002101 and relatives), each refused the way a
/// kubelet refuses it, and the volume kinds mounted as a kubelet mounts them.
/// </summary>
public sealed class VolumeEscapeTests
{
    private const string Ns = "learner-1";

    private static JsonObject Pod(string name, string volumeMounts, string volumes, string env = "[]") => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}" },
          "spec": {
            "containers": [ { "name": "main", "image": "debian:12", "env": {{env}}, "volumeMounts": {{volumeMounts}} } ],
            "volumes": {{volumes}}
          }
        }
        """)!;

    private static async Task<JsonObject> WaitForAsync(SimulatorFixture f, string name, Func<JsonObject, bool> condition, string what) =>
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name) is { } p && condition(p) ? p : null, what);

    private static Task<JsonObject> RunningAsync(SimulatorFixture f, string name) =>
        WaitForAsync(f, name, p => p.Str("status", "phase") == "Running", $"pod {name} to run");

    private static async Task<Dictionary<int, string>> ExecAsync(ExecServer server, string pod, string script)
    {
        using var socket = await server.ConnectAsync(
            $"/api/v1/namespaces/{Ns}/pods/{pod}/exec?command=sh&command=-c&command={Uri.EscapeDataString(script)}&stdout=true&stderr=true",
            "v5.channel.k8s.io");
        return await ExecServer.ReadAllAsync(socket);
    }

    [Theory]
    [InlineData("/", "error SubPath `/` must not be an absolute path")]
    [InlineData("../../..", "unable to provision SubPath `../../..`: must not contain '..'")]
    [InlineData("a/../../b", "unable to provision SubPath `a/../../b`: must not contain '..'")]
    public async Task An_absolute_or_climbing_subPath_fails_the_container_with_the_kubelets_message(string subPath, string message)
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("evil",
            $$"""[ { "name": "scratch", "mountPath": "/host", "subPath": "{{subPath}}" } ]""", """[ { "name": "scratch", "emptyDir": {} } ]"""));

        var pod = await WaitForAsync(f, "evil", p => p.Str("status", "containerStatuses") is null
            && p.Arr("status", "containerStatuses")?.Objects().FirstOrDefault()?.Str("state", "waiting", "reason") == "CreateContainerConfigError",
            "the container to fail");

        var waiting = pod.Arr("status", "containerStatuses")!.Objects().Single().Obj("state", "waiting")!;
        Assert.Equal(message, waiting.Str("message"));
        Assert.Equal("Pending", pod.Str("status", "phase"));

        // What kubectl describe pod shows under Events, after the image's pull: kubelet  Failed  Error: ...
        var warning = await Eventually.WaitAsync(
            () => f.Store.List(new Storage.GroupResource("", "events"), Ns).Items.FirstOrDefault(e => e.Str("involvedObject", "name") == "evil" &&
                e.Str("source", "component") == "kubelet" && e.Str("type") == "Warning"),
            "the kubelet's event");
        Assert.Equal(("Warning", "Failed", "Error: " + message), (warning.Str("type"), warning.Str("reason"), warning.Str("message")));
        Assert.Equal(("kubelet", "spec.containers{main}"), (warning.Str("source", "component"), warning.Str("involvedObject", "fieldPath")));
    }

    [Fact]
    public async Task A_subPath_through_a_symlink_out_of_the_volume_is_refused_at_exec_and_at_start()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("attacker",
            """[ { "name": "scratch", "mountPath": "/data" }, { "name": "scratch", "mountPath": "/host", "subPath": "link" } ]""",
            """[ { "name": "scratch", "emptyDir": {} } ]"""));
        await RunningAsync(f, "attacker");
        await using var server = await ExecServer.StartAsync(f);

        // The learner swaps the directory the kubelet made for a symlink to the machine's root, then opens a new shell.
        var planted = await ExecAsync(server, "attacker", "rmdir /data/link && ln -s / /data/link && echo planted");
        var next = await ExecAsync(server, "attacker", "ls /host; echo reached");

        Assert.Equal("planted\n", planted[1]);
        Assert.False(next.ContainsKey(1), $"the shell ran: {next.GetValueOrDefault(1)}");
        Assert.Equal("failed to prepare subPath for volumeMount \"scratch\" of container \"main\"", ExecServer.Status(next).Str("message"));

    }

    [Fact]
    public void Symlinks_inside_the_volume_are_followed_and_symlinks_out_are_not()
    {
        var volume = Directory.CreateTempSubdirectory("labs-volume-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(volume, "real", "conf"));
            File.CreateSymbolicLink(Path.Combine(volume, "inside"), "real");
            File.CreateSymbolicLink(Path.Combine(volume, "absolute"), "/etc");
            File.CreateSymbolicLink(Path.Combine(volume, "up"), "../..");
            File.CreateSymbolicLink(Path.Combine(volume, "real", "back"), "../inside/conf");

            SubPaths.Open(volume, "inside/conf", null).Dispose();
            SubPaths.Open(volume, "real/back", null).Dispose();
            Assert.Throws<SubPathException>(() => SubPaths.Open(volume, "absolute", null).Dispose());
            Assert.Throws<SubPathException>(() => SubPaths.Open(volume, "absolute/passwd", null).Dispose());
            Assert.Throws<SubPathException>(() => SubPaths.Open(volume, "up", null).Dispose());
            Assert.Throws<SubPathException>(() => SubPaths.Open(volume, "up/tmp", null).Dispose());

            // Missing directories are made inside the volume, as the kubelet makes them.
            SubPaths.Open(volume, "new/deeper", null).Dispose();
            Assert.True(Directory.Exists(Path.Combine(volume, "new", "deeper")));
            Assert.False(Directory.Exists("/etc/new"));
        }
        finally
        {
            Directory.Delete(volume, recursive: true);
        }
    }

    [Fact]
    public async Task A_subPathExpr_is_expanded_from_the_environment_and_checked_like_a_subPath()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("good",
            """[ { "name": "scratch", "mountPath": "/work", "subPathExpr": "$(USER_DIR)/work" } ]""", """[ { "name": "scratch", "emptyDir": {} } ]""",
            """[ { "name": "USER_DIR", "value": "alice" } ]"""));
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("bad",
            """[ { "name": "scratch", "mountPath": "/work", "subPathExpr": "$(USER_DIR)" } ]""", """[ { "name": "scratch", "emptyDir": {} } ]""",
            """[ { "name": "USER_DIR", "value": "../../.." } ]"""));

        var good = await RunningAsync(f, "good");
        var bad = await WaitForAsync(f, "bad", p => p.Arr("status", "containerStatuses")?.Objects().FirstOrDefault()?.Str("state", "waiting", "reason") == "CreateContainerConfigError", "bad to fail");

        Assert.True(Directory.Exists(Path.Combine(PodVolumes.VolumeDirectory(Path.Combine(f.DataDirectory, "pods", good.Uid()), "scratch"), "alice", "work")));
        Assert.Equal("unable to provision SubPath `../../..`: must not contain '..'",
            bad.Arr("status", "containerStatuses")!.Objects().Single().Str("state", "waiting", "message"));
        Assert.Equal("alice/x", ContainerMounts.Expand("$(USER_DIR)/x", new Dictionary<string, string> { ["USER_DIR"] = "alice" }));
        Assert.Equal("$(NOPE)/$x", ContainerMounts.Expand("$(NOPE)/$$x", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task ConfigMap_and_secret_volumes_are_read_only_even_when_the_mount_says_otherwise()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.ConfigMaps, Ns, (JsonObject)JsonNode.Parse("""{ "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "cfg" }, "data": { "a": "1" } }""")!);
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("reader",
            """[ { "name": "cfg", "mountPath": "/cfg", "readOnly": false } ]""", """[ { "name": "cfg", "configMap": { "name": "cfg", "defaultMode": 384 } } ]"""));
        await RunningAsync(f, "reader");
        await using var server = await ExecServer.StartAsync(f);

        var result = await ExecAsync(server, "reader", "cat /cfg/a; echo; echo x > /cfg/a 2>/dev/null || echo READONLY; touch /cfg/b 2>/dev/null || echo READONLY");

        Assert.Equal("1\nREADONLY\nREADONLY\n", result[1]);
    }

    [Fact]
    public async Task DownwardAPI_and_projected_volumes_hold_the_pods_fields_and_are_read_only()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.ConfigMaps, Ns, (JsonObject)JsonNode.Parse("""{ "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "cfg" }, "data": { "color": "blue" } }""")!);
        var pod = Pod("info",
            """[ { "name": "info", "mountPath": "/etc/podinfo" }, { "name": "all", "mountPath": "/all", "readOnly": false } ]""",
            """
            [ { "name": "info", "downwardAPI": { "items": [
                  { "path": "name", "fieldRef": { "fieldPath": "metadata.name" } },
                  { "path": "labels", "fieldRef": { "fieldPath": "metadata.labels" } },
                  { "path": "tier", "fieldRef": { "fieldPath": "metadata.labels['tier']" } },
                  { "path": "mem", "resourceFieldRef": { "containerName": "main", "resource": "limits.memory", "divisor": "1Mi" } } ] } },
              { "name": "all", "projected": { "sources": [
                  { "configMap": { "name": "cfg", "items": [ { "key": "color", "path": "conf/color" } ] } },
                  { "downwardAPI": { "items": [ { "path": "ns", "fieldRef": { "fieldPath": "metadata.namespace" } } ] } } ] } } ]
            """);
        pod["metadata"]!["labels"] = new JsonObject { ["tier"] = "web", ["app"] = "shop" };
        pod["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["limits"] = new JsonObject { ["memory"] = "64Mi" } };
        f.Store.Create(WorkloadResources.Pods, Ns, pod);
        await RunningAsync(f, "info");
        await using var server = await ExecServer.StartAsync(f);

        var result = await ExecAsync(server, "info",
            "cat /etc/podinfo/name; echo; cat /etc/podinfo/labels; echo; cat /etc/podinfo/tier /etc/podinfo/mem; echo; " +
            "cat /all/conf/color /all/ns; echo; touch /all/x 2>/dev/null || echo READONLY");

        Assert.Equal("info\napp=\"shop\"\ntier=\"web\"\nweb64\nblue" + Ns + "\nREADONLY\n", result[1]);
    }

    [Fact]
    public async Task A_hostPath_is_a_directory_of_the_simulated_node_never_of_the_machine()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("node-reader",
            """[ { "name": "root", "mountPath": "/host" }, { "name": "data", "mountPath": "/data" } ]""",
            """[ { "name": "root", "hostPath": { "path": "/" } }, { "name": "data", "hostPath": { "path": "/mnt/data", "type": "DirectoryOrCreate" } } ]"""));
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("strict",
            """[ { "name": "data", "mountPath": "/data" } ]""", """[ { "name": "data", "hostPath": { "path": "/var/missing", "type": "Directory" } } ]"""));
        await RunningAsync(f, "node-reader");
        await using var server = await ExecServer.StartAsync(f);

        var result = await ExecAsync(server, "node-reader",
            "test -e /host/etc/shadow && echo MACHINE-ROOT; test -e /host/usr && echo MACHINE-USR; echo kept > /data/file && cat /host/mnt/data/file");
        var strict = await WaitForAsync(f, "strict", p => p.Arr("status", "containerStatuses")?.Objects().FirstOrDefault()?.Str("state", "waiting", "message") is not null, "strict to wait");

        Assert.Equal("kept\n", result[1]);
        Assert.Equal("MountVolume.SetUp failed for volume \"data\" : hostPath type check failed: /var/missing is not a directory",
            strict.Arr("status", "containerStatuses")!.Objects().Single().Str("state", "waiting", "message"));
    }

    [Fact]
    public void A_deleted_namespaces_hostPath_files_leave_every_node_and_no_other_namespaces_do()
    {
        using var harness = new SandboxHarness();
        var mine = Directory.CreateDirectory(PodVolumes.NodeRoot(harness.DataDirectory, "labs-node-1", "learner-1")).FullName;
        var other = Directory.CreateDirectory(PodVolumes.NodeRoot(harness.DataDirectory, "labs-node-2", "learner-1")).FullName;
        var kept = Directory.CreateDirectory(PodVolumes.NodeRoot(harness.DataDirectory, "labs-node-1", "learner-2")).FullName;
        File.WriteAllText(Path.Combine(mine, "file"), "x");

        harness.Sandboxes.ReleaseNamespace("learner-1");
        harness.Sandboxes.ReleaseNamespace("..");

        Assert.False(Directory.Exists(mine));
        Assert.False(Directory.Exists(other));
        Assert.True(Directory.Exists(kept));
    }
}
