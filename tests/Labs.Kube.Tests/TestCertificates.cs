using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Labs.Kube.Tests;

/// <summary>A throwaway CA with server and client certificates, generated per test run.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);

    public TestCertificates(string name = "labs-test-ca")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
    }

    public X509Certificate2 Ca { get; }

    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>A TLS server certificate for 127.0.0.1 and localhost, with its private key.</summary>
    public X509Certificate2 CreateServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return Issue(request, key);
    }

    /// <summary>A client certificate (EC key) as PEM certificate and PEM private key.</summary>
    public (string CertificatePem, string KeyPem) CreateClientCertificatePem(string user)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={user}, O=labs", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = Sign(request);
        return (certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    /// <summary>An RSA client certificate as PEM certificate and PKCS#1 (<c>RSA PRIVATE KEY</c>) PEM.</summary>
    public (string CertificatePem, string KeyPem) CreateRsaClientCertificatePem(string user)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = Sign(request);
        return (certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(CertificateRequest request, RSA key)
    {
        using var certificate = Sign(request);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // Kestrel wants a key it can use after this method's RSA is disposed.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private X509Certificate2 Sign(CertificateRequest request) =>
        request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomSerial());

    private static byte[] RandomSerial() => RandomNumberGenerator.GetBytes(12);
}
