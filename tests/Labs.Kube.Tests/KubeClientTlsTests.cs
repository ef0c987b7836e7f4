using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Labs.Kube.Tests;

public sealed class KubeClientTlsTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _certs.Dispose();

    private static void MapEcho(WebApplication app)
    {
        app.MapGet("/api/v1/namespaces/{name}", (HttpContext c, string name) => Results.Text(
            "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"},\"client\":\"" + (c.Connection.ClientCertificate?.Subject ?? "") + "\"}",
            "application/json"));
        app.Map("/api/v1/namespaces/{ns}/pods/{pod}/exec", async (HttpContext c) =>
        {
            using var socket = await c.WebSockets.AcceptWebSocketAsync(ExecFrames.V5Protocol);
            await FakeExecServer.SendAsync(socket, ExecFrames.Stdout, "over tls");
            await FakeExecServer.FinishAsync(socket, FakeExecServer.Success);
        });
    }

    [Fact]
    public async Task A_server_certificate_from_the_given_ca_is_trusted_for_requests_and_exec()
    {
        using var serverCertificate = _certs.CreateServerCertificate();
        await using var server = await FakeApiServer.StartAsync(MapEcho, serverCertificate);
        using var client = new KubeClient(new KubeConnection(server.BaseUri) { CertificateAuthorities = [_certs.Ca] });

        var ns = await client.GetAsync(ResourceType.Namespaces, null, "lab-1", Ct);
        await using var session = await client.ExecAsync(new ExecRequest("ns", "p", ["true"]), Ct);

        Assert.Equal("lab-1", ns!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(0, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_rejected()
    {
        using var otherCa = new TestCertificates("other-ca");
        using var serverCertificate = _certs.CreateServerCertificate();
        await using var server = await FakeApiServer.StartAsync(MapEcho, serverCertificate);
        using var client = new KubeClient(new KubeConnection(server.BaseUri) { CertificateAuthorities = [otherCa.Ca] });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(ResourceType.Namespaces, null, "lab-1", Ct));
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_certificate()
    {
        using var serverCertificate = _certs.CreateServerCertificate();
        await using var server = await FakeApiServer.StartAsync(MapEcho, serverCertificate);
        using var client = new KubeClient(new KubeConnection(server.BaseUri) { InsecureSkipTlsVerify = true });

        Assert.NotNull(await client.GetAsync(ResourceType.Namespaces, null, "lab-1", Ct));
    }

    [Fact]
    public async Task The_client_certificate_from_a_kubeconfig_is_presented()
    {
        using var serverCertificate = _certs.CreateServerCertificate();
        await using var server = await FakeApiServer.StartAsync(MapEcho, serverCertificate, https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (_, _, _) => true;
        });
        var (certPem, keyPem) = _certs.CreateClientCertificatePem("alice");
        var yaml = $"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: {server.BaseUri}
                certificate-authority-data: {TestCertificates.Base64(_certs.CaPem)}
            users:
            - name: alice
              user:
                client-certificate-data: {TestCertificates.Base64(certPem)}
                client-key-data: {TestCertificates.Base64(keyPem)}
            contexts:
            - name: c
              context: {"{cluster: k, user: alice}"}
            """;
        using var client = new KubeClient(KubeConnection.FromKubeconfigYaml(yaml));

        var ns = await client.GetAsync(ResourceType.Namespaces, null, "lab-1", Ct);

        Assert.Contains("CN=alice", ns!["client"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
