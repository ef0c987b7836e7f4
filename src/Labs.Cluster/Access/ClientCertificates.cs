using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Labs.Cluster.Access;

/// <summary>
/// X.509 client certificates as kube-apiserver's <c>--client-ca-file</c> authenticator reads them: a certificate the
/// cluster's CA signed for client auth, valid now, names the user by its Common Name and the groups by its
/// Organizations. The CertificateSigningRequest signer issues them (<see cref="Sign"/>).
/// </summary>
internal static class ClientCertificates
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The user a verified client certificate stands for, or null when it is not one the cluster's CA issued for client auth.</summary>
    public static UserInfo? Authenticate(X509Certificate2? certificate, CertificateAuthority authority, DateTimeOffset now)
    {
        if (certificate is null || now < certificate.NotBefore || now > certificate.NotAfter || !AllowsClientAuth(certificate))
        {
            return null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(certificate))
        {
            return null;
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var organizations = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue())
            .OfType<string>();
        return new UserInfo(name, string.Empty, [.. organizations, UserInfo.AuthenticatedGroup]);
    }

    /// <summary>
    /// Issues a certificate for a PEM <c>CERTIFICATE REQUEST</c>: its subject and public key, the usages asked for,
    /// valid from five minutes ago (clock skew) for <paramref name="lifetime"/>, never past the CA's own expiry.
    /// </summary>
    /// <exception cref="CryptographicException">The request does not parse or its signature does not verify.</exception>
    public static string Sign(CertificateAuthority authority, string requestPem, IReadOnlyCollection<string> usages, TimeSpan lifetime, DateTimeOffset now)
    {
        var request = CertificateRequest.LoadSigningRequestPem(requestPem, HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
        var keyUsage = X509KeyUsageFlags.None;
        if (usages.Contains("digital signature"))
        {
            keyUsage |= X509KeyUsageFlags.DigitalSignature;
        }

        if (usages.Contains("key encipherment"))
        {
            keyUsage |= X509KeyUsageFlags.KeyEncipherment;
        }

        request.CertificateExtensions.Clear();
        if (keyUsage != X509KeyUsageFlags.None)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority.Certificate, true, false));

        var notAfter = now + lifetime;
        if (notAfter > authority.Certificate.NotAfter)
        {
            notAfter = authority.Certificate.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var key = authority.Certificate.GetECDsaPrivateKey()
            ?? throw new CryptographicException("The cluster CA has no ECDSA private key to sign with.");
        using var issued = request.Create(authority.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(key),
            now.AddMinutes(-5), notAfter, serial);
        return issued.ExportCertificatePem() + "\n";
    }

    private static bool AllowsClientAuth(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku
        || eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid);
}
