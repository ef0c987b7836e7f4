using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Labs.Cluster.Access;

/// <summary>
/// The embedded cluster's own certificate authority. kubectl only sends bearer tokens over HTTPS, so the cluster
/// serves TLS with a certificate from this CA, and kubeconfigs trust the CA (<see cref="CertificatePem"/>).
/// The CA is generated on first start and kept in the data directory (<c>ca.crt</c>, <c>ca.key</c>) so kubeconfigs
/// written earlier stay valid across restarts.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The CA's subject common name.</summary>
    public const string CommonName = "labs-embedded-ca";

    /// <summary>File name of the CA certificate (PEM) in the data directory.</summary>
    public const string CertificateFileName = "ca.crt";

    /// <summary>File name of the CA private key (PKCS#8 PEM, mode 0600) in the data directory.</summary>
    public const string KeyFileName = "ca.key";

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    private readonly X509Certificate2 _certificate;

    private CertificateAuthority(X509Certificate2 certificate, string pem)
    {
        _certificate = certificate;
        CertificatePem = pem;
    }

    /// <summary>The CA certificate as PEM, for <c>certificate-authority-data</c> in kubeconfigs (base64 of this text).</summary>
    public string CertificatePem { get; }

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>
    /// Loads the CA from <paramref name="dataDirectory"/>, or generates and stores one when neither file exists.
    /// </summary>
    /// <exception cref="InvalidDataException">Only one of the two files exists, or they cannot be read or do not match.</exception>
    public static CertificateAuthority LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var certPath = Path.Combine(dataDirectory, CertificateFileName);
        var keyPath = Path.Combine(dataDirectory, KeyFileName);
        var certExists = File.Exists(certPath);
        var keyExists = File.Exists(keyPath);
        if (certExists && keyExists)
        {
            return Load(certPath, keyPath);
        }

        if (certExists || keyExists)
        {
            var missing = certExists ? keyPath : certPath;
            throw new InvalidDataException(
                $"The embedded cluster CA is incomplete: '{missing}' is missing. Restore it, or delete both {CertificateFileName} and {KeyFileName} to generate a new CA (existing kubeconfigs will then need regenerating).");
        }

        var created = Generate();
        Directory.CreateDirectory(dataDirectory);
        SecureFile.WriteAllText(keyPath, created.Key);
        SecureFile.WriteAllText(certPath, created.Certificate);
        return Load(certPath, keyPath);
    }

    /// <summary>
    /// Issues a TLS server certificate for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c> (plus
    /// <paramref name="extraDnsNames"/>), valid for one year, with a private key Kestrel can use.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string>? extraDnsNames = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=labs", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        foreach (var name in extraDnsNames ?? [])
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        using var issued = Sign(request, now, now.AddYears(1) - now);
        using var withKey = issued.CopyWithPrivateKey(key);

        // An ephemeral key is not usable by SslStream on every platform; a PKCS#12 round trip gives a persisted one.
        var pfx = withKey.Export(X509ContentType.Pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// Signs <paramref name="request"/> (whatever its key type) with the CA's key: valid from five minutes before
    /// <paramref name="now"/> (clock skew) for <paramref name="lifetime"/>, never past the CA's own expiry, with a random
    /// positive serial number (RFC 5280).
    /// </summary>
    public X509Certificate2 Sign(CertificateRequest request, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notAfter = now + lifetime;
        if (notAfter > _certificate.NotAfter)
        {
            notAfter = _certificate.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var key = _certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("The cluster CA has no ECDSA private key to sign with.");
        return request.Create(_certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddMinutes(-5), notAfter, serial);
    }

    /// <inheritdoc />
    public void Dispose() => _certificate.Dispose();

    private static (string Certificate, string Key) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={CommonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static CertificateAuthority Load(string certPath, string keyPath)
    {
        var certPem = SecureFile.ReadAllText(certPath);
        var keyPem = SecureFile.ReadAllText(keyPath);
        X509Certificate2 certificate;
        try
        {
            using var fromPem = X509Certificate2.CreateFromPem(certPem, keyPem);
            certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException(
                $"Cannot load the embedded cluster CA from '{certPath}' and '{keyPath}': {e.Message}. Delete both files to generate a new CA.", e);
        }

        return new CertificateAuthority(certificate, certPem + "\n");
    }
}
