using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Registry.Certificates;

/// <summary>
/// The controller manager's signer for <c>kubernetes.io/kube-apiserver-client</c>: an approved request gets a client
/// certificate from the cluster's CA in <c>status.certificate</c> (so the CKA flow works: openssl req, a CSR, kubectl
/// certificate approve, a kubeconfig user with that certificate); a request whose usages a client certificate may not
/// have gets the Failed condition with the signer's words. Other signers' requests are left for their signers.
/// </summary>
internal sealed partial class CertificateSigner : IAsyncDisposable
{
    /// <summary>The signer served.</summary>
    public const string ClientSigner = "kubernetes.io/kube-apiserver-client";

    private static readonly GroupResource Requests = new("certificates.k8s.io", "certificatesigningrequests");
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    private readonly RegistryStore _store;
    private readonly CertificateAuthority _authority;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StoreFollower<string> _follower;

    private CertificateSigner(RegistryStore store, CertificateAuthority authority, TimeProvider time, ILogger logger)
    {
        _store = store;
        _authority = authority;
        _time = time;
        _logger = logger;
        _follower = new StoreFollower<string>(store,
            change => change.Resource == Requests && change.Type != "DELETED" ? [change.Object.MetaString("name")] : [],
            Sign, logger, "signing certificate requests", store.List(Requests, null).Items.Select(r => r.MetaString("name")));
    }

    /// <summary>Starts signing the approved requests of <paramref name="store"/>, those already there first.</summary>
    public static CertificateSigner Start(RegistryStore store, CertificateAuthority authority, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        return new CertificateSigner(store, authority, time, logger);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _follower.DisposeAsync();

    /// <summary>Why a client certificate may not have these usages (the signer's words), or null when it may.</summary>
    public static string? UsageProblem(IReadOnlyCollection<string> usages)
    {
        foreach (var usage in usages)
        {
            if (usage is not ("digital signature" or "key encipherment" or "client auth"))
            {
                return $"invalid usage for client certificate: {usage}";
            }
        }

        return usages.Contains("client auth") ? null : "missing required usage for client certificate: client auth";
    }

    private void Sign(string name)
    {
        var request = _store.Get(Requests, null, name);
        if (request is null || request["spec"] is not JsonObject spec || JsonFields.String(spec, "signerName") != ClientSigner
            || request["status"]?["certificate"] is JsonValue || !Has(request, "Approved") || Has(request, "Denied") || Has(request, "Failed"))
        {
            return;
        }

        var usages = (spec["usages"] as JsonArray ?? []).Select(u => u?.ToString() ?? string.Empty).ToList();
        var status = request["status"] as JsonObject ?? [];
        request["status"] = status;
        if (UsageProblem(usages) is { } problem)
        {
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            var now = Workloads.JsonPaths.Timestamp(_time.GetUtcNow());
            conditions.Add(new JsonObject
            {
                ["type"] = "Failed",
                ["status"] = "True",
                ["reason"] = "SignerValidationFailure",
                ["message"] = problem,
                ["lastUpdateTime"] = now,
                ["lastTransitionTime"] = now,
            });
        }
        else
        {
            string pem;
            try
            {
                pem = Encoding.UTF8.GetString(Convert.FromBase64String(JsonFields.String(spec, "request") ?? string.Empty));
                var lifetime = spec["expirationSeconds"] is JsonValue seconds && seconds.TryGetValue<long>(out var s)
                    ? TimeSpan.FromSeconds(Math.Min(s, (long)MaximumLifetime.TotalSeconds))
                    : MaximumLifetime;
                var certificate = ClientCertificates.Sign(_authority, pem, usages, lifetime, _time.GetUtcNow());
                status["certificate"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(certificate));
            }
            catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
            {
                // The controller manager logs an unreadable request and leaves it; so does this signer.
                LogUnreadable(_logger, name, e.Message);
                return;
            }
        }

        _store.UpdateStatus(Requests, null, request);
    }

    private static bool Has(JsonObject request, string type) =>
        (request["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => JsonFields.String(c, "type") == type && JsonFields.String(c, "status") == "True");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot sign certificate signing request {Name}: {Message}")]
    private static partial void LogUnreadable(ILogger logger, string name, string message);
}
