using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Cluster.Workloads;

/// <summary>
/// A restart of the platform, end to end through the embedded cluster: what the store kept comes back, and the
/// simulated kubelet takes up the pods it kept as they were: a learner's toolbox stays Running, on its IP, with its home.
/// </summary>
public sealed class ClusterRestartTests : IDisposable
{
    private const string Ns = "learner-restart";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("labs-restart-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // What a sandbox left unremovable stays in the temp folder.
        }
    }

    [Fact]
    public async Task A_toolbox_pod_stays_running_on_its_address_with_the_files_of_its_home_across_a_restart()
    {
        string uid, ip, podVersion;
        await using (var cluster = await StartAsync())
        {
            using var client = Client(cluster);
            await PostAsync(client, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"learner-restart"}}""");
            await PostAsync(client, $"/api/v1/namespaces/{Ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"kubeconfig"},"data":{"config":"a2VwdA=="}}""");
            await PostAsync(client, $"/api/v1/namespaces/{Ns}/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"toolbox"},"spec":{"containers":[{"name":"shell","image":"debian:12",
                 "command":["sleep","infinity"],"volumeMounts":[{"name":"kubeconfig","mountPath":"/etc/toolbox","readOnly":true}]}],
                 "volumes":[{"name":"kubeconfig","secret":{"secretName":"kubeconfig"}}]}}
                """);
            var running = await RunningAsync(cluster, "toolbox");
            (uid, ip, podVersion) = (running.Uid(), running.Str("status", "podIP")!, running.MetaString("resourceVersion"));
            Assert.Equal("", await ExecAsync(cluster, "toolbox", "echo 'written before the restart' > ~/note && cat /etc/toolbox/config > ~/copy"));
        }

        await using (var cluster = await StartAsync())
        {
            var pod = await RunningAsync(cluster, "toolbox");
            Assert.Equal(uid, pod.Uid());
            Assert.Equal(ip, pod.Str("status", "podIP"));
            Assert.Equal(podVersion, pod.MetaString("resourceVersion")); // Taken up as it was, not started over.
            Assert.True(Directory.Exists(Path.Combine(_dataDirectory, "pods", uid)), "the pod's directory is kept");
            Assert.Equal("written before the restart\nkept", await ExecAsync(cluster, "toolbox", "cat ~/note ~/copy"));

            using var client = Client(cluster);
            await PostAsync(client, $"/api/v1/namespaces/{Ns}/pods", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"newcomer"},"spec":{"nodeName":"labs-node-1","containers":[{"name":"c","image":"nginx"}]}}""");
            var newcomer = await RunningAsync(cluster, "newcomer");
            Assert.NotEqual(ip, newcomer.Str("status", "podIP"));
        }
    }

    [Fact]
    public async Task A_cluster_whose_store_is_damaged_does_not_start_and_names_the_file()
    {
        var store = EmbeddedCluster.StorePath(_dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        await File.WriteAllTextAsync(store, "not a store", TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ClusterSetupException>(StartAsync);

        Assert.StartsWith($"the embedded cluster's store {store} is damaged: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("not a store", await File.ReadAllTextAsync(store, TestContext.Current.CancellationToken));
    }

    private Task<EmbeddedCluster> StartAsync() => EmbeddedCluster.StartAsync(
        new EmbeddedClusterOptions { DataDirectory = _dataDirectory, NodeCount = 1 }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

    private static Task<JsonObject> RunningAsync(EmbeddedCluster cluster, string name) => Eventually.WaitAsync(
        () => cluster.Store.Get(WorkloadResources.Pods, Ns, name) is { } p && p.Str("status", "phase") == "Running" ? p : null, $"pod {name} to run");

    private static async Task PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>Runs a shell command in the pod as <c>kubectl exec</c> does (v5 WebSocket) and returns its output, failing on a non-zero exit.</summary>
    private static async Task<string> ExecAsync(EmbeddedCluster cluster, string pod, string script)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v5.channel.k8s.io");
        socket.Options.SetRequestHeader("Authorization", "Bearer " + cluster.AdminToken);
        socket.Options.RemoteCertificateValidationCallback = TrustClusterCa(cluster);
        var query = "command=sh&command=-c&command=" + Uri.EscapeDataString(script) + "&stdout=true&stderr=true";
        var uri = new Uri($"wss://127.0.0.1:{cluster.Server.Port}/api/v1/namespaces/{Ns}/pods/{pod}/exec?{query}");
        await socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        var channels = await ExecServer.ReadAllAsync(socket);
        Assert.True(ExecServer.Status(channels).Str("status") == "Success", $"{script}: {channels.GetValueOrDefault(2)} {channels.GetValueOrDefault(3)}");
        return channels.GetValueOrDefault(1, "").TrimEnd('\n');
    }

    private static HttpClient Client(EmbeddedCluster cluster)
    {
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustClusterCa(cluster) } };
        var client = new HttpClient(handler) { BaseAddress = cluster.Server, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
        return client;
    }

    private static RemoteCertificateValidationCallback TrustClusterCa(EmbeddedCluster cluster) => (_, certificate, _, _) =>
    {
        if (certificate is null)
        {
            return false;
        }

        using var ca = X509Certificate2.CreateFromPem(cluster.CertificateAuthorityPem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    };
}
