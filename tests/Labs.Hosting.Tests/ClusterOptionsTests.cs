namespace Labs.Hosting.Tests;

public sealed class ClusterOptionsTests
{
    private static List<string> Failures(ClusterOptions options) =>
        new ClusterOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_choose_the_embedded_cluster_and_are_valid()
    {
        var options = new ClusterOptions();

        Assert.True(options.UsesEmbeddedCluster);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void In_cluster_and_a_kubeconfig_together_are_refused()
    {
        Assert.Equal(
            ["Cluster:InCluster and Cluster:Kubeconfig both choose a cluster; set one of them."],
            Failures(new ClusterOptions { InCluster = true, Kubeconfig = "~/.kube/config" }));
    }

    [Fact]
    public void A_context_without_a_kubeconfig_is_refused()
    {
        Assert.Equal(
            ["Cluster:Context 'kind-labs' needs Cluster:Kubeconfig: a context is chosen from a kubeconfig."],
            Failures(new ClusterOptions { Context = "kind-labs" }));
    }

    [Fact]
    public void Out_of_range_numbers_name_the_setting()
    {
        var failures = Failures(new ClusterOptions { RequestTimeout = TimeSpan.Zero, EmbeddedPort = 70000, EmbeddedNodes = 0 });

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cluster:RequestTimeout must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:EmbeddedPort must be a port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:EmbeddedNodes must be between 1 and 100", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kubeconfig_or_in_cluster_is_not_the_embedded_cluster()
    {
        Assert.False(new ClusterOptions { Kubeconfig = "/etc/kubeconfig" }.UsesEmbeddedCluster);
        Assert.False(new ClusterOptions { InCluster = true }.UsesEmbeddedCluster);
    }
}
