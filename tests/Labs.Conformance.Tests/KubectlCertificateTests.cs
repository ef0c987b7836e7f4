using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Labs.Conformance.Tests;

/// <summary>
/// The CKA flow for a new user: a key and a certificate request, a CertificateSigningRequest, kubectl certificate
/// approve, and a kubeconfig user with the issued certificate that the API server then knows by name and groups.
/// </summary>
public sealed class KubectlCertificateTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task An_approved_client_request_is_signed_and_its_certificate_authenticates_the_user()
    {
        var ns = await k.CreateNamespaceAsync();
        using var key = RSA.Create(2048);
        var user = $"{ns}-jane";
        var csr = new CertificateRequest($"CN={user}, O=dev", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        Assert.Equal(0, (await Apply(user, csr, "client auth")).ExitCode);
        var admin = await k.RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");
        var requestor = await k.RunAsync("get", "csr", user, "-o", "jsonpath={.spec.username}");
        Assert.Equal(admin.Stdout, requestor.Stdout);
        Assert.NotEmpty(requestor.Stdout);
        var approve = await k.RunAsync("certificate", "approve", user);
        Assert.Equal($"certificatesigningrequest.certificates.k8s.io/{user} approved\n", approve.Stdout);

        var certificate = Encoding.UTF8.GetString(Convert.FromBase64String(await IssuedAsync(user)));
        var condition = await k.RunAsync("get", "csr", user, "--no-headers", "-o", "custom-columns=C:.status.conditions[*].type");
        Assert.Equal("Approved", condition.Stdout.Trim());

        var kubeconfig = Path.Combine(k.NewDirectory(), "jane.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig(certificate, key.ExportPkcs8PrivateKeyPem()), TestContext.Current.CancellationToken);
        var whoami = await k.RunAsync("--kubeconfig", kubeconfig, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Equal($"{user} [\"dev\",\"system:authenticated\"]", whoami.Stdout);

        var forbidden = await k.RunAsync("--kubeconfig", kubeconfig, "get", "pods", "-n", ns);
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Contains($"User \"{user}\" cannot list resource \"pods\" in API group \"\" in the namespace \"{ns}\"", forbidden.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_with_usages_a_client_certificate_may_not_have_fails_with_the_signers_words()
    {
        var ns = await k.CreateNamespaceAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = $"{ns}-server";
        var csr = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        Assert.Equal(0, (await Apply(name, csr, "server auth")).ExitCode);
        Assert.Equal(0, (await k.RunAsync("certificate", "approve", name)).ExitCode);
        var failed = await k.RunAsync("wait", "csr/" + name, "--for=condition=Failed", "--timeout=30s");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        var message = await k.RunAsync("get", "csr", name, "-o", "jsonpath={.status.conditions[?(@.type==\"Failed\")].message}");
        Assert.Equal("invalid usage for client certificate: server auth", message.Stdout);
        var printed = await k.RunAsync("get", "csr", name, "--no-headers");
        Assert.EndsWith("Approved,Failed", printed.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    private Task<KubectlResult> Apply(string name, string csrPem, string usage) => k.RunWithInputAsync($"""
        apiVersion: certificates.k8s.io/v1
        kind: CertificateSigningRequest
        metadata:
          name: {name}
        spec:
          request: {Convert.ToBase64String(Encoding.UTF8.GetBytes(csrPem))}
          signerName: kubernetes.io/kube-apiserver-client
          expirationSeconds: 86400
          usages: [{usage}]
        """, ["apply", "-f", "-"]);

    // The signer works in the background; the certificate appears shortly after the approval.
    private async Task<string> IssuedAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var issued = await k.RunAsync("get", "csr", name, "-o", "jsonpath={.status.certificate}");
            if (issued.Stdout.Length > 0 || DateTime.UtcNow > deadline)
            {
                Assert.True(issued.Stdout.Length > 0, "no certificate was issued: " + issued);
                return issued.Stdout;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private string Kubeconfig(string certificatePem, string keyPem)
    {
        string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: labs
              cluster:
                server: {k.Cluster.Server}
                certificate-authority-data: {B64(k.Cluster.CertificateAuthorityPem)}
            users:
            - name: jane
              user:
                client-certificate-data: {B64(certificatePem)}
                client-key-data: {B64(keyPem)}
            contexts:
            - name: jane
              context:
                cluster: labs
                user: jane
            current-context: jane
            """;
    }
}
