using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Labs.Cluster.Access;

/// <summary>
/// Turns an <c>Authorization: Bearer ...</c> header into a user: the admin token (kept in the data directory as
/// <c>admin.token</c>, mode 0600) is <c>labs-admin</c> in <c>system:masters</c>; a ServiceAccount JWT is that
/// ServiceAccount. Anything else is unauthenticated.
/// </summary>
public sealed class TokenAuthenticator
{
    /// <summary>File name of the admin token in the data directory.</summary>
    public const string AdminTokenFileName = "admin.token";

    /// <summary>The admin's user name.</summary>
    public const string AdminUserName = "labs-admin";

    private readonly byte[] _adminToken;
    private readonly ServiceAccountTokens _serviceAccountTokens;

    /// <summary>Loads the admin token from <paramref name="dataDirectory"/>, generating it on first use.</summary>
    public TokenAuthenticator(string dataDirectory, ServiceAccountTokens serviceAccountTokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(serviceAccountTokens);
        _serviceAccountTokens = serviceAccountTokens;
        var path = Path.Combine(dataDirectory, AdminTokenFileName);
        if (!File.Exists(path))
        {
            SecureFile.WriteAllText(path, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        }

        AdminToken = SecureFile.ReadAllText(path);
        if (AdminToken.Length < 16 || AdminToken.Any(char.IsWhiteSpace))
        {
            throw new InvalidDataException($"'{path}' must hold one token of at least 16 characters without spaces. Delete it to generate a new one.");
        }

        _adminToken = Encoding.UTF8.GetBytes(AdminToken);
    }

    /// <summary>The admin bearer token, for the admin kubeconfig and the platform's own client.</summary>
    public string AdminToken { get; }

    /// <summary>The admin user.</summary>
    public static UserInfo Admin { get; } = new(AdminUserName, AdminUserName, [UserInfo.MastersGroup, UserInfo.AuthenticatedGroup]);

    /// <summary>
    /// The user an <c>Authorization</c> header value stands for, or null when it is missing, not a bearer token, or
    /// the token is not valid (the caller answers 401, see <see cref="AccessErrors.Unauthorized"/>).
    /// </summary>
    public UserInfo? Authenticate(string? authorizationHeaderValue)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeaderValue))
        {
            return null;
        }

        var value = authorizationHeaderValue.Trim();
        const string scheme = "Bearer ";
        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value[scheme.Length..].Trim();
        if (token.Length == 0)
        {
            return null;
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _adminToken))
        {
            return Admin;
        }

        return ServiceAccountTokens.LooksLikeJwt(token) ? _serviceAccountTokens.Validate(token) : null;
    }
}
