using System.Text;
using k8s;
using Labs.Kube;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Gives every live session whose token expires within a third of <see cref="LabSessionOptions.TokenExpirationSeconds"/>
    /// a new one (after a restart, when the expiry is unknown, at once); returns how many were refreshed. A failure is
    /// logged and tried again at the next round, while the old token still works.
    /// </summary>
    public async Task<int> RefreshTokensAsync(CancellationToken cancellationToken = default)
    {
        var margin = TimeSpan.FromSeconds(_options.TokenExpirationSeconds / 3.0);
        var due = _registry.All.Where(s => s.TokenExpiresAt - margin <= _time.GetUtcNow()).ToList();
        var refreshed = 0;
        foreach (var session in due)
        {
            try
            {
                var expires = await IssueTokenAsync(session.Namespace, session.ToolboxPod, cancellationToken);
                // A reset meanwhile made a new environment with its own token: keep that one.
                if (_registry.Find(session.Id) is { } current && current.Namespace == session.Namespace)
                {
                    _registry.Replace(current with { TokenExpiresAt = expires });
                    refreshed++;
                }
            }
            catch (Exception ex) when (ex.IsApiFailure() || ex is SessionStartException or TimeoutException)
            {
                LogTokenRefreshFailed(ex, session.Id);
            }
        }

        return refreshed;
    }

    /// <summary>The API server's URL as the toolbox reaches it.</summary>
    private Uri ToolboxApiServer => _options.ToolboxServer ?? _endpoint.Server;

    /// <summary>The PEM of the CA the toolbox trusts for the API server; null for the pod's service-account CA.</summary>
    private string? ToolboxCa => _options.ToolboxCertificateAuthorityPem ?? _endpoint.CertificateAuthorityPem;

    /// <summary>The toolbox shell's variables besides KUBECONFIG: the chart repository's URL and the certificates to trust.</summary>
    private Dictionary<string, string> ToolboxEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.ChartRepository is { Length: > 0 } charts)
            environment["LABS_CHARTS"] = new Uri(ToolboxApiServer, charts).AbsoluteUri;
        if (ToolboxCa is not null)
            environment["SSL_CERT_DIR"] = ToolboxFiles.CertificateDirectories;
        return environment;
    }

    /// <summary>
    /// Requests a token for the learner's ServiceAccount and writes the kubeconfig that carries it into the toolbox;
    /// returns when the token expires.
    /// </summary>
    private async Task<DateTimeOffset> IssueTokenAsync(string ns, string toolbox, CancellationToken cancellationToken)
    {
        var issuedAt = _time.GetUtcNow();
        var token = await _kube.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            LearnerManifests.TokenRequest(_options.TokenExpirationSeconds), LearnerManifests.LearnerName, ns, cancellationToken: cancellationToken);
        var text = token.Status?.Token is { Length: > 0 } issued
            ? issued
            : throw new SessionStartException("The API server answered the token request without status.token.");
        var kubeconfig = ToolboxFiles.Kubeconfig(ToolboxApiServer, ToolboxCa, text, ns);
        await using var exec = await _exec.StartAsync(
            new ExecRequest(_options.SystemNamespace, toolbox, ToolboxFiles.WriteKubeconfigCommand, Tty: false, Stdin: true), cancellationToken);
        await exec.WriteStdinAsync(Encoding.UTF8.GetBytes(kubeconfig), cancellationToken);
        await exec.CloseStdinAsync(cancellationToken);
        var output = new StringBuilder();
        await foreach (var chunk in exec.ReadOutputAsync(cancellationToken))
        {
            output.Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        var exitCode = await exec.Completion;
        if (exitCode != 0)
        {
            throw new SessionStartException($"Could not write the learner's kubeconfig into the toolbox (exit code {exitCode}): {output.ToString().Trim()}");
        }

        // The server may shorten the lifetime (or report a longer, extended one): renew by the earlier of the two.
        var asked = issuedAt.AddSeconds(_options.TokenExpirationSeconds);
        return token.Status.ExpirationTimestamp is { } expiry && new DateTimeOffset(DateTime.SpecifyKind(expiry, DateTimeKind.Utc)) is var told && told < asked
            ? told
            : asked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the token of session {SessionId}; trying again at the next round")]
    private partial void LogTokenRefreshFailed(Exception exception, string sessionId);
}
