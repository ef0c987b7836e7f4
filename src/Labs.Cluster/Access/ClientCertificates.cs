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
    /// Issues a client certificate for a PEM <c>CERTIFICATE REQUEST</c>: its subject and public key, the usages asked
    /// for, signed by the cluster's CA for <paramref name="lifetime"/> (see <see cref="CertificateAuthority.Sign"/>).
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

        using var issued = authority.Sign(request, now, lifetime);
        return issued.ExportCertificatePem() + "\n";
    }

    private static bool AllowsClientAuth(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku
        || eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid);
}
