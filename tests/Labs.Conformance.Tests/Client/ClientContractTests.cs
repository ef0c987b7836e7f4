using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

/// <summary>
/// KubernetesClient, the platform's client, as a second real client of the embedded cluster: every kind it serves
/// goes through the client's typed create, get, list, watch, patch and delete, and every answer must fit the client's
/// model with nothing lost.
/// </summary>
public sealed class ClientContractTests(ClientCluster cluster) : IClassFixture<ClientCluster>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_the_cluster_serves_has_a_contract()
    {
        var kube = cluster.Client;
        var served = new List<string>();
        var core = await kube.CoreV1.GetAPIResourcesAsync(Ct);
        served.AddRange(core.Resources.Where(r => !r.Name.Contains('/', StringComparison.Ordinal)).Select(r => $"v1/{r.Kind}"));
        foreach (var group in (await kube.Apis.GetAPIVersionsAsync(Ct)).Groups)
        {
            foreach (var version in group.Versions)
            {
                var (g, v) = (group.Name, version.Version);
                var resources = await kube.CustomObjects.GetAPIResourcesAsync(g, v, Ct);
                served.AddRange(resources.Resources.Where(r => !r.Name.Contains('/', StringComparison.Ordinal)).Select(r => $"{version.GroupVersion}/{r.Kind}"));
            }
        }

        Assert.Equal(served.Order(StringComparer.Ordinal), Contracts.All.Select(c => c.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Contracts.Kinds), MemberType = typeof(Contracts))]
    public async Task The_clients_typed_calls_keep_everything_the_server_answers(string kind)
    {
        var ns = await NewNamespaceAsync();

        await Contracts.All.Single(c => c.ToString() == kind).RunAsync(cluster.Client, cluster.Recorder, ns, Ct);
    }

    [Fact]
    public async Task A_server_error_reaches_the_client_as_the_servers_status()
    {
        var ns = await NewNamespaceAsync();
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "twice" } }, ns, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "twice" } }, ns, cancellationToken: Ct));

        var status = Labs.Kube.KubeErrors.Status(error);
        Assert.Equal(("AlreadyExists", 409, "configmaps \"twice\" already exists"), (status?.Reason, status?.Code, status?.Message));
    }

    private async Task<string> NewNamespaceAsync()
    {
        var name = "c-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        return name;
    }
}
