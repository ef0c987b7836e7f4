using k8s;

namespace Labs.Kube;

/// <summary>Where the platform's client reaches the API server, for kubeconfigs handed to learners.</summary>
/// <param name="Server">The API server URL.</param>
/// <param name="CertificateAuthorityPem">PEM of the CA the client trusts for it; null when the client trusts none of its own.</param>
public sealed record KubeEndpoint(Uri Server, string? CertificateAuthorityPem)
{
    /// <summary>The endpoint of a client configuration.</summary>
    public static KubeEndpoint From(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var authorities = configuration.SslCaCerts;
        var pem = authorities is { Count: > 0 } ? string.Concat(authorities.Select(c => c.ExportCertificatePem() + "\n")) : null;
        return new KubeEndpoint(new Uri(configuration.Host), pem);
    }
}
