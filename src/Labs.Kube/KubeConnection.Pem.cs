using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Labs.Kube;

public sealed partial class KubeConnection
{
    /// <summary>Reads CA certificates from PEM text, for <see cref="CertificateAuthorities"/>.</summary>
    /// <exception cref="CryptographicException">The text holds no valid certificate.</exception>
    public static X509Certificate2Collection CertificateAuthoritiesFromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return KubeCertificates.LoadAuthorities(Encoding.UTF8.GetBytes(pem));
    }

    /// <summary>
    /// Combines a PEM certificate and its PEM private key (RSA, EC or PKCS#8) into a client certificate, for
    /// <see cref="ClientCertificate"/>.
    /// </summary>
    /// <exception cref="CryptographicException">The PEM is invalid or the key does not belong to the certificate.</exception>
    public static X509Certificate2 ClientCertificateFromPem(string certificatePem, string keyPem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(keyPem);
        return KubeCertificates.LoadClientCertificate(Encoding.UTF8.GetBytes(certificatePem), Encoding.UTF8.GetBytes(keyPem));
    }
}
