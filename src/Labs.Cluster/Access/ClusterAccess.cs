using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Access;

/// <summary>
/// The embedded cluster's access layer in one place: TLS (CA and server certificate), authentication (admin token,
/// ServiceAccount tokens), RBAC authorization, and the TokenRequest and self-review endpoints. The HTTP pipeline calls
/// <see cref="AuthenticateOrThrow"/> then <see cref="EnsureAuthorized"/> for every request, and routes the
/// token and review endpoints to the methods below; errors are <see cref="ApiException"/>s to answer as v1.Status.
/// </summary>
public sealed class ClusterAccess : IDisposable
{
    private readonly TokenAuthenticator _authenticator;
    private readonly AccessReviews _reviews;

    /// <summary>
    /// Loads (or on first start creates) the CA, admin token and signing key in <paramref name="dataDirectory"/>,
    /// issues a fresh server certificate, and creates the default ClusterRoles (<see cref="DefaultRbac"/>) missing from the store.
    /// </summary>
    /// <param name="dataDirectory">Where the cluster keeps its secrets (<c>ca.crt</c>, <c>ca.key</c>, <c>admin.token</c>, <c>sa-signing.key</c>).</param>
    /// <param name="store">The object store ServiceAccounts and RBAC objects are read from.</param>
    /// <param name="time">Clock for tokens; the system clock when null.</param>
    /// <exception cref="InvalidDataException">A secret file exists but cannot be used; the message says which and what to do.</exception>
    public ClusterAccess(string dataDirectory, IObjectStore store, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(store);
        Directory.CreateDirectory(dataDirectory);
        CertificateAuthority = CertificateAuthority.LoadOrCreate(dataDirectory);
        ServerCertificate = CertificateAuthority.IssueServerCertificate();
        ServiceAccountTokens = new ServiceAccountTokens(dataDirectory, store, time);
        _authenticator = new TokenAuthenticator(dataDirectory, ServiceAccountTokens);
        DefaultRbac.EnsureCreated(store);
        Authorizer = new RbacAuthorizer(store);
        _reviews = new AccessReviews(Authorizer);
    }

    /// <summary>The CA that issued <see cref="ServerCertificate"/>.</summary>
    public CertificateAuthority CertificateAuthority { get; }

    /// <summary>The TLS certificate (with private key) for Kestrel: <c>127.0.0.1</c>, <c>::1</c>, <c>localhost</c>.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA certificate as PEM; kubeconfigs carry it base64-encoded as <c>certificate-authority-data</c>.</summary>
    public string CertificateAuthorityPem => CertificateAuthority.CertificatePem;

    /// <summary>The admin bearer token (user <c>labs-admin</c>, group <c>system:masters</c>).</summary>
    public string AdminToken => _authenticator.AdminToken;

    /// <summary>Issues and verifies ServiceAccount tokens.</summary>
    public ServiceAccountTokens ServiceAccountTokens { get; }

    /// <summary>The RBAC authorizer.</summary>
    public RbacAuthorizer Authorizer { get; }

    /// <summary>The user an <c>Authorization</c> header value stands for, or null when unauthenticated.</summary>
    public UserInfo? Authenticate(string? authorizationHeaderValue) => _authenticator.Authenticate(authorizationHeaderValue);

    /// <summary>The user an <c>Authorization</c> header value stands for.</summary>
    /// <exception cref="ApiException">401 Unauthorized when the header is missing or the token invalid.</exception>
    public UserInfo AuthenticateOrThrow(string? authorizationHeaderValue) =>
        _authenticator.Authenticate(authorizationHeaderValue) ?? throw AccessErrors.Unauthorized();

    /// <summary>
    /// The user a request acts as: authenticates its <c>Authorization</c> header (or, without one, its client
    /// certificate), then applies any
    /// <c>Impersonate-User</c>/<c>Impersonate-Group</c>/<c>Impersonate-Uid</c> headers (see <see cref="Impersonation"/>).
    /// </summary>
    /// <exception cref="ApiException">401 for a missing or invalid token; 403 for a forbidden impersonation; 400 for groups without a user.</exception>
    public UserInfo AuthenticateRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A bearer token wins; without one, a client certificate the cluster's CA issued names the user.
        var user = request.Headers.Authorization.Count == 0
            && ClientCertificates.Authenticate(request.HttpContext.Connection.ClientCertificate, CertificateAuthority, DateTimeOffset.UtcNow) is { } certified
            ? certified
            : AuthenticateOrThrow(request.Headers.Authorization);
        return Impersonate(user, request);
    }

    /// <summary>
    /// Applies the impersonation headers of <paramref name="request"/> to an already known caller (e.g. the admin on a
    /// trusted plain-HTTP listener, where kubectl sends no token but does send <c>Impersonate-*</c> headers).
    /// </summary>
    /// <exception cref="ApiException">403 for a forbidden impersonation; 400 for groups without a user.</exception>
    public UserInfo Impersonate(UserInfo requester, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var groups = request.Headers[Impersonation.GroupHeader].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        return Impersonation.Apply(
            Authorizer, requester, request.Headers[Impersonation.UserHeader].FirstOrDefault(), groups, request.Headers[Impersonation.UidHeader].FirstOrDefault());
    }

    /// <summary>Whether <paramref name="user"/> may do what <paramref name="attributes"/> describe.</summary>
    public AuthorizationDecision Authorize(UserInfo user, RequestAttributes attributes) => Authorizer.Authorize(user, attributes);

    /// <summary>Returns when <paramref name="user"/> may do what <paramref name="attributes"/> describe.</summary>
    /// <exception cref="ApiException">403 Forbidden with Kubernetes' exact message and details.</exception>
    public void EnsureAuthorized(UserInfo user, RequestAttributes attributes)
    {
        if (!Authorizer.Authorize(user, attributes).Allowed)
        {
            throw AccessErrors.Forbidden(user, attributes);
        }
    }

    /// <summary>
    /// Returns when storing <paramref name="obj"/> grants <paramref name="user"/> nothing it does not hold; call on create
    /// and update of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (other resources pass).
    /// </summary>
    /// <exception cref="ApiException">403 "attempting to grant RBAC permissions not currently held".</exception>
    public void EnsureNoEscalation(UserInfo user, GroupResource resource, string? ns, JsonObject obj) =>
        Authorizer.EnsureNoEscalation(user, resource, ns, obj);

    /// <summary>
    /// Answers <c>POST /api/v1/namespaces/NS/serviceaccounts/SA/token</c> (answer with 201 Created).
    /// The caller must first authorize <c>create serviceaccounts/token</c>.
    /// </summary>
    /// <exception cref="ApiException">404 for a missing ServiceAccount, 400/422 for a bad TokenRequest.</exception>
    public JsonObject CreateServiceAccountToken(string ns, string serviceAccount, JsonObject? tokenRequest) =>
        ServiceAccountTokens.CreateTokenRequest(ns, serviceAccount, tokenRequest);

    /// <summary>Answers <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c> (201 Created).</summary>
    /// <exception cref="ApiException">422 for a review naming neither or both kinds of attributes.</exception>
    public JsonObject ReviewSelfSubjectAccess(UserInfo user, JsonObject? review) => _reviews.ReviewSelfSubjectAccess(user, review);

    /// <summary>
    /// Answers <c>POST /apis/authorization.k8s.io/v1/subjectaccessreviews</c> (<paramref name="ns"/> null) or
    /// <c>.../namespaces/NS/localsubjectaccessreviews</c> (201 Created). Authorize <c>create</c> on it first.
    /// </summary>
    /// <exception cref="ApiException">422 for a review without a subject or attributes.</exception>
    public JsonObject ReviewSubjectAccess(JsonObject? review, string? ns = null) => _reviews.ReviewSubjectAccess(review, ns);

    /// <summary>Answers <c>POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews</c> (201 Created).</summary>
    public JsonObject ReviewSelfSubjectRules(UserInfo user, JsonObject? review) => _reviews.ReviewSelfSubjectRules(user, review);

    /// <summary>Answers <c>POST /apis/authentication.k8s.io/v1/tokenreviews</c> (201 Created). Authorize <c>create</c> on it first.</summary>
    public JsonObject ReviewToken(JsonObject? review) =>
        AccessReviews.ReviewToken(JsonFields.String(JsonFields.Object(review, "spec"), "token") is { Length: > 0 } token ? _authenticator.Authenticate("Bearer " + token) : null, review);

    /// <summary>Answers <c>POST /apis/authentication.k8s.io/v1/selfsubjectreviews</c> (201 Created).</summary>
    public static JsonObject ReviewSelfSubject(UserInfo user) => AccessReviews.ReviewSelfSubject(user);

    /// <inheritdoc />
    public void Dispose()
    {
        ServerCertificate.Dispose();
        CertificateAuthority.Dispose();
    }
}
