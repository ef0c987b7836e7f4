namespace Labs.Conformance.Tests;

/// <summary>What the real kubectl prints when the server refuses bad input: the same words as against a real cluster.</summary>
public sealed class KubectlHostileInputTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    [Theory]
    [InlineData("configmaps", "-l", "!!!", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("pods", "--field-selector", "spec.bogus=x", "field label not supported: spec.bogus")]
    public async Task A_bad_selector_is_the_servers_bad_request(string resource, string flag, string selector, string message)
    {
        var ns = await k.CreateNamespaceAsync();

        var result = await k.RunAsync("get", resource, "-n", ns, flag, selector);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patches_of_the_wrong_type_are_invalid_and_nothing_changes()
    {
        var ns = await k.CreateNamespaceAsync();
        var created = await k.RunAsync("create", "deployment", "web", "-n", ns, "--image=nginx", "--replicas=2");
        Assert.True(created.ExitCode == 0, created.ToString());
        await k.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=a");

        var strategic = await k.RunAsync("patch", "deployment", "web", "-n", ns, "-p", """{"spec":{"replicas":"x"}}""");
        var merge = await k.RunAsync("patch", "configmap", "settings", "-n", ns, "--type=merge", "-p", """{"data":5}""");
        var huge = await k.RunAsync("patch", "deployment", "web", "-n", ns, "--type=merge", "-p", """{"spec":{"replicas":1e12}}""");

        Assert.NotEqual(0, strategic.ExitCode);
        Assert.Contains("The request is invalid: patch: Invalid value: \"map[spec:map[replicas:x]]\": unrecognized type: int32",
            strategic.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, merge.ExitCode);
        Assert.Contains("json: cannot unmarshal number into Go struct field ConfigMap.data of type map[string]string", merge.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, huge.ExitCode);
        Assert.Contains("cannot unmarshal number 1e12 into Go struct field DeploymentSpec.spec.replicas of type int32", huge.Stderr, StringComparison.Ordinal);
        var replicas = await k.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}");
        Assert.Equal("2", replicas.Stdout);
        var all = await k.RunAsync("get", "configmaps", "-A");
        Assert.True(all.ExitCode == 0, all.ToString());
    }
}
