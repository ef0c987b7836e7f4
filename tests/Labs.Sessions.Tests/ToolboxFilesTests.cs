using System.Text;
using k8s;

namespace Labs.Sessions.Tests;

public sealed class ToolboxFilesTests
{
    [Fact]
    public void The_learners_kubeconfig_reads_back_with_the_token_server_namespace_and_ca_it_was_given()
    {
        const string token = "ey: #not a comment'\"";
        var yaml = ToolboxFiles.Kubeconfig(new Uri("https://127.0.0.1:6443/"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", token, "lab-abc");

        var config = KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(yaml)));

        var user = Assert.Single(config.Users);
        Assert.Equal(token, user.UserCredentials.Token);
        Assert.Equal("https://127.0.0.1:6443", Assert.Single(config.Clusters).ClusterEndpoint.Server);
        Assert.Equal("lab-abc", Assert.Single(config.Contexts).ContextDetails.Namespace);
        Assert.Equal("lab", config.CurrentContext);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Encoding.UTF8.GetString(Convert.FromBase64String(config.Clusters.Single().ClusterEndpoint.CertificateAuthorityData)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ca_the_kubeconfig_trusts_the_pods_service_account_ca()
    {
        var yaml = ToolboxFiles.Kubeconfig(new Uri("https://kubernetes.default.svc"), null, "t", "lab-abc");

        var config = KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(yaml)));

        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", Assert.Single(config.Clusters).ClusterEndpoint.CertificateAuthority);
    }
}
