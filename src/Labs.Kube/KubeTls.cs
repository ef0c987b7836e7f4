using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Labs.Kube;

/// <summary>TLS settings of a connection: which server certificates to trust and which client certificate to show.</summary>
internal static class KubeTls
{
    /// <summary>Builds the handler every request and WebSocket of a <see cref="KubeClient"/> goes through.</summary>
    public static SocketsHttpHandler CreateHandler(KubeConnection connection)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            // Watches are long-lived; a dead peer is detected by HTTP/2 pings where available.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };

        if (connection.ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [connection.ClientCertificate];
        }

        if (connection.InsecureSkipTlsVerify)
        {
            // The kubeconfig asked for insecure-skip-tls-verify explicitly (throwaway clusters).
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (connection.CertificateAuthorities.Count > 0)
        {
            var roots = connection.CertificateAuthorities;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(roots, certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>Accepts a server certificate only if it chains to one of <paramref name="roots"/> and matches the host name.</summary>
    public static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the server sent along.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
