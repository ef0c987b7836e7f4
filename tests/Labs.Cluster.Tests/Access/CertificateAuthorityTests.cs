using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Labs.Cluster.Access;

namespace Labs.Cluster.Tests.Access;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void First_start_creates_the_CA_files_with_a_private_key_only_the_owner_can_read()
    {
        using var cluster = new AccessTestCluster();
        using var ca = CertificateAuthority.LoadOrCreate(cluster.DataDirectory);

        var keyPath = Path.Combine(cluster.DataDirectory, CertificateAuthority.KeyFileName);
        Assert.True(File.Exists(Path.Combine(cluster.DataDirectory, CertificateAuthority.CertificateFileName)));
        Assert.True(File.Exists(keyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        Assert.Equal("CN=labs-embedded-ca", ca.Certificate.Subject);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", ca.CertificatePem, StringComparison.Ordinal);
        Assert.True(ca.Certificate.NotAfter > DateTime.UtcNow.AddYears(9));
    }

    [Fact]
    public void Later_starts_reuse_the_stored_CA()
    {
        using var cluster = new AccessTestCluster();
        string firstThumbprint;
        using (var first = CertificateAuthority.LoadOrCreate(cluster.DataDirectory))
        {
            firstThumbprint = first.Certificate.Thumbprint;
        }

        using var second = CertificateAuthority.LoadOrCreate(cluster.DataDirectory);

        Assert.Equal(firstThumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_CA_with_its_key_missing_is_reported_rather_than_silently_replaced()
    {
        using var cluster = new AccessTestCluster();
        using (CertificateAuthority.LoadOrCreate(cluster.DataDirectory))
        {
        }

        File.Delete(Path.Combine(cluster.DataDirectory, CertificateAuthority.KeyFileName));

        var error = Assert.Throws<InvalidDataException>(() => CertificateAuthority.LoadOrCreate(cluster.DataDirectory));
        Assert.Contains("ca.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_certificate_chains_to_the_CA_and_names_the_loopback_addresses()
    {
        using var cluster = new AccessTestCluster();
        using var ca = CertificateAuthority.LoadOrCreate(cluster.DataDirectory);
        using var server = ca.IssueServerCertificate();

        Assert.True(server.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));

        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains(IPAddress.IPv6Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        var usages = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usages.Cast<System.Security.Cryptography.Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(server.NotAfter <= DateTime.UtcNow.AddYears(1).AddDays(1));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
    }

    [Fact]
    public async Task The_server_certificate_completes_a_TLS_handshake_with_a_client_that_trusts_only_the_CA()
    {
        using var cluster = new AccessTestCluster();
        using var ca = CertificateAuthority.LoadOrCreate(cluster.DataDirectory);
        using var server = ca.IssueServerCertificate();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var serverSide = Task.Run(async () =>
            {
                using var accepted = await listener.AcceptTcpClientAsync(cts.Token);
                await using var tls = new SslStream(accepted.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = server }, cts.Token);
                await tls.WriteAsync(new byte[] { 42 }, cts.Token);
                await tls.FlushAsync(cts.Token);
            }, cts.Token);

            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            await using var clientTls = new SslStream(client.GetStream());
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    CustomTrustStore = { ca.Certificate },
                },
            };
            await clientTls.AuthenticateAsClientAsync(options, cts.Token);
            var buffer = new byte[1];
            await clientTls.ReadExactlyAsync(buffer, cts.Token);
            await serverSide;

            Assert.Equal(42, buffer[0]);
        }
        finally
        {
            listener.Stop();
        }
    }
}
