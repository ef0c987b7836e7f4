using System.Security.Cryptography.X509Certificates;

namespace Labs.Kube;

/// <summary>
/// Everything needed to reach one API server: address, trust, credentials and default namespace. Build one
/// with <see cref="FromKubeconfigFile"/>, <see cref="FromKubeconfigYaml"/>, <see cref="InCluster()"/> or
/// <see cref="FromDefaultLocations()"/>, or directly with the constructor and property initialisers.
/// </summary>
public sealed partial class KubeConnection
{
    private readonly Lock _tokenLock = new();
    private string? _cachedFileToken;
    private DateTime _cachedFileTokenStamp;
    private long _cachedFileTokenReadAt;

    /// <summary>Creates a connection to <paramref name="server"/> (an <c>https://</c> or <c>http://</c> URL).</summary>
    /// <exception cref="ArgumentException">The URL is not absolute or not HTTP(S).</exception>
    public KubeConnection(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The API server address '{server}' must be an absolute http:// or https:// URL.", nameof(server));
        }

        Server = server;
    }

    /// <summary>The API server's base URL, e.g. <c>https://127.0.0.1:6443</c>; a path prefix is kept.</summary>
    public Uri Server { get; }

    /// <summary>Certificate authorities the server's certificate must chain to; empty means the system trust store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];

    /// <summary>A fixed bearer token; null when there is none (or <see cref="TokenFile"/> is used).</summary>
    public string? Token { get; init; }

    /// <summary>A file holding the bearer token, re-read whenever it changes (service account token rotation).</summary>
    public string? TokenFile { get; init; }

    /// <summary>Client certificate with its private key, for mutual TLS; null when none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Skip verification of the server's certificate. Only for throwaway clusters. Default false.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The namespace to use when the caller names none. Default <c>default</c>.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Where this connection came from (file and context), for error messages.</summary>
    public string Source { get; init; } = "explicit configuration";

    /// <summary>
    /// The bearer token to send now: <see cref="TokenFile"/>'s content (cached until the file changes) or
    /// <see cref="Token"/>; null when neither is set.
    /// </summary>
    /// <exception cref="KubeConfigException">The token file cannot be read.</exception>
    public string? GetBearerToken()
    {
        if (TokenFile is null)
        {
            return Token;
        }

        try
        {
            var stamp = File.GetLastWriteTimeUtc(TokenFile);
            lock (_tokenLock)
            {
                // Re-read on change, and at least once a minute like client-go: mounted tokens rotate through
                // symlink swaps whose timestamps do not always move.
                if (_cachedFileToken is null || stamp != _cachedFileTokenStamp
                    || Environment.TickCount64 - _cachedFileTokenReadAt > 60_000)
                {
                    _cachedFileTokenReadAt = Environment.TickCount64;
                    _cachedFileToken = File.ReadAllText(TokenFile).Trim();
                    _cachedFileTokenStamp = stamp;
                }

                return _cachedFileToken;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read the bearer token file '{TokenFile}' ({Source}): {e.Message}", TokenFile, innerException: e);
        }
    }
}
