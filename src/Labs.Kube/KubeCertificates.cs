using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Labs.Kube;

/// <summary>Turns kubeconfig certificate material (PEM text, base64 of PEM, or DER) into certificates.</summary>
internal static class KubeCertificates
{
    /// <summary>Reads one or more CA certificates from PEM (or DER) bytes.</summary>
    /// <exception cref="CryptographicException">The bytes hold no certificate.</exception>
    public static X509Certificate2Collection LoadAuthorities(byte[] data)
    {
        var collection = new X509Certificate2Collection();
        var text = Encoding.UTF8.GetString(data);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            collection.ImportFromPem(text);
        }
        else
        {
            collection.Add(X509CertificateLoader.LoadCertificate(data));
        }

        if (collection.Count == 0)
        {
            throw new CryptographicException("no certificate found in the PEM data");
        }

        return collection;
    }

    /// <summary>Combines a PEM certificate and a PEM private key (RSA, EC or PKCS#8) into a usable client certificate.</summary>
    /// <exception cref="CryptographicException">The PEM is invalid or the key does not match the certificate.</exception>
    public static X509Certificate2 LoadClientCertificate(byte[] certificatePem, byte[] keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(certificatePem), Encoding.UTF8.GetString(keyPem));

        // Keys created from PEM are ephemeral; a PKCS#12 round trip gives a certificate SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Decodes a kubeconfig <c>*-data</c> field (base64).</summary>
    /// <exception cref="FormatException">The value is not base64.</exception>
    public static byte[] DecodeData(string base64) => Convert.FromBase64String(base64.Trim());
}
