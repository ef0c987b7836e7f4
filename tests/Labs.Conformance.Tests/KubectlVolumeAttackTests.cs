namespace Labs.Conformance.Tests;

/// <summary>The subPath attack of the security review, tried with the real kubectl as a learner would.</summary>
public sealed class KubectlVolumeAttackTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    [Fact]
    public async Task A_pod_mounting_the_root_through_an_absolute_subPath_is_refused_with_the_apiservers_message()
    {
        var ns = await k.CreateNamespaceAsync();
        var manifest = k.WriteManifest("""
            apiVersion: v1
            kind: Pod
            metadata: { name: evil }
            spec:
              containers:
              - name: main
                image: busybox
                volumeMounts: [ { name: scratch, mountPath: /host, subPath: / } ]
              volumes: [ { name: scratch, emptyDir: {} } ]
            """);

        var result = await k.RunAsync("apply", "-f", manifest, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The Pod \"evil\" is invalid: spec.containers[0].volumeMounts[0].subPath: Invalid value: \"/\": must be a relative path", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlink_planted_under_a_subPath_does_not_lead_out_of_the_volume()
    {
        var ns = await k.CreateNamespaceAsync();
        var manifest = k.WriteManifest("""
            apiVersion: v1
            kind: Pod
            metadata: { name: attacker }
            spec:
              containers:
              - name: main
                image: busybox
                command: [ sleep, "3600" ]
                volumeMounts: [ { name: scratch, mountPath: /data }, { name: scratch, mountPath: /host, subPath: link } ]
              volumes: [ { name: scratch, emptyDir: {} } ]
            """);
        Assert.Equal(0, (await k.RunAsync("apply", "-f", manifest, "-n", ns)).ExitCode);
        var ready = await k.RunAsync("wait", "--for=condition=Ready", "pod/attacker", "-n", ns, "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());

        var plant = await k.RunAsync("exec", "attacker", "-n", ns, "--", "sh", "-c", "rmdir /data/link && ln -s / /data/link && echo planted");
        var escape = await k.RunAsync("exec", "attacker", "-n", ns, "--", "ls", "/host/etc");

        Assert.Equal("planted\n", plant.Stdout);
        Assert.NotEqual(0, escape.ExitCode);
        Assert.DoesNotContain("passwd", escape.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed to prepare subPath for volumeMount \"scratch\" of container \"main\"", escape.Stderr, StringComparison.Ordinal);
    }
}
