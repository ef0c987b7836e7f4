using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Labs.Cluster.Access;
using Labs.Cluster.Registry.Certificates;

namespace Labs.Cluster.Tests.Access;

public sealed class ClientCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _dir = Directory.CreateTempSubdirectory("labs-ca-").FullName;
    private readonly CertificateAuthority _authority;

    public ClientCertificatesTests()
    {
        _authority = CertificateAuthority.LoadOrCreate(_dir);
    }

    public void Dispose()
    {
        _authority.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_certificate_the_cluster_signed_names_the_user_by_common_name_and_groups_by_organization()
    {
        using var certificate = Issue("CN=jane, O=dev, O=ops", TimeSpan.FromHours(1));
        var user = ClientCertificates.Authenticate(certificate, _authority, Now);
        Assert.NotNull(user);
        Assert.Equal("jane", user.Name);
        Assert.Equal(["dev", "ops", "system:authenticated"], user.Groups);
    }

    [Fact]
    public void Certificates_of_another_authority_or_out_of_their_validity_name_nobody()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var selfSigned = new CertificateRequest("CN=mallory", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddMinutes(-1), Now.AddHours(1));
        Assert.Null(ClientCertificates.Authenticate(selfSigned, _authority, Now));

        using var certificate = Issue("CN=jane", TimeSpan.FromMinutes(10));
        Assert.Null(ClientCertificates.Authenticate(certificate, _authority, Now.AddMinutes(20)));
        Assert.Null(ClientCertificates.Authenticate(null, _authority, Now));
    }

    [Theory]
    [InlineData("client auth", null)]
    [InlineData("digital signature,key encipherment,client auth", null)]
    [InlineData("client auth,server auth", "invalid usage for client certificate: server auth")]
    [InlineData("digital signature", "missing required usage for client certificate: client auth")]
    public void The_signer_allows_only_the_usages_of_a_client_certificate(string usages, string? problem) =>
        Assert.Equal(problem, CertificateSigner.UsageProblem(usages.Split(',')));

    private X509Certificate2 Issue(string subject, TimeSpan lifetime)
    {
        using var key = RSA.Create(2048);
        var pem = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        return X509Certificate2.CreateFromPem(ClientCertificates.Sign(_authority, pem, ["client auth"], lifetime, Now));
    }
}
