using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Access;

/// <summary>
/// Issues and verifies ServiceAccount tokens: JWTs signed with HMAC-SHA256 by a key kept in the data directory
/// (<c>sa-signing.key</c>, mode 0600), so tokens survive restarts. A token is accepted while unexpired and while the
/// ServiceAccount it names still exists with the same uid, so deleting (or recreating) the ServiceAccount revokes it.
/// </summary>
public sealed partial class ServiceAccountTokens
{
    /// <summary>File name of the signing key in the data directory.</summary>
    public const string SigningKeyFileName = "sa-signing.key";

    /// <summary>The issuer, and the default audience, of the tokens (what a real cluster uses by default).</summary>
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    /// <summary>Where ServiceAccounts live in the store.</summary>
    public static readonly GroupResource ServiceAccounts = new("", "serviceaccounts");

    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key;
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;

    /// <summary>Loads the signing key from <paramref name="dataDirectory"/>, generating it on first use.</summary>
    /// <param name="dataDirectory">The cluster's data directory.</param>
    /// <param name="store">Where ServiceAccounts are looked up.</param>
    /// <param name="time">Clock for issuing and expiry; the system clock when null.</param>
    public ServiceAccountTokens(string dataDirectory, IObjectStore store, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
        var path = Path.Combine(dataDirectory, SigningKeyFileName);
        if (!File.Exists(path))
        {
            SecureFile.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        try
        {
            _key = Convert.FromBase64String(SecureFile.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"'{path}' is not a base64 signing key. Delete it to generate a new one (existing ServiceAccount tokens will stop working).", e);
        }

        if (_key.Length < 32)
        {
            throw new InvalidDataException($"'{path}' holds a {_key.Length}-byte key; at least 32 bytes are required. Delete it to generate a new one.");
        }
    }

    /// <summary>Signs a token for ServiceAccount <paramref name="name"/> (uid <paramref name="uid"/>) in <paramref name="ns"/>.</summary>
    /// <returns>The token and the moment it expires.</returns>
    /// <param name="ns">Namespace of the ServiceAccount.</param>
    /// <param name="name">Name of the ServiceAccount.</param>
    /// <param name="uid">uid of the ServiceAccount; the token dies with it.</param>
    /// <param name="lifetime">How long the token is valid.</param>
    /// <param name="audiences">Audiences; the API server's own when null or empty.</param>
    /// <param name="boundObject">A Pod, Secret or Node the token is bound to (it dies with that object too), or null.</param>
    public (string Token, DateTimeOffset ExpiresAt) Issue(
        string ns, string name, string uid, TimeSpan lifetime, IReadOnlyList<string>? audiences = null, BoundObject? boundObject = null)
    {
        var now = _time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new JsonObject
        {
            ["aud"] = JsonFields.ToArray(audiences is { Count: > 0 } ? audiences : [Issuer]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = UserInfo.ServiceAccountUserName(ns, name),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
            },
        };
        if (boundObject is not null)
        {
            claims["kubernetes.io"]![boundObject.ClaimName] = new JsonObject { ["name"] = boundObject.Name, ["uid"] = boundObject.Uid };
        }

        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signed = $"{Header}.{payload}";
        return ($"{signed}.{Sign(signed)}", DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// The user a token stands for, or null when it is not a valid, unexpired token of an existing ServiceAccount
    /// (wrong signature, expired, wrong audience, ServiceAccount deleted or recreated with another uid).
    /// </summary>
    public UserInfo? Validate(string token)
    {
        var claims = ReadVerifiedClaims(token);
        if (claims is null)
        {
            return null;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Number(claims, "exp") is not { } exp || exp <= now || Number(claims, "nbf") is { } nbf && nbf > now + 60)
        {
            return null;
        }

        if (JsonFields.String(claims, "iss") != Issuer || !JsonFields.Strings(claims, "aud").Contains(Issuer))
        {
            return null;
        }

        var k8s = JsonFields.Object(claims, "kubernetes.io");
        var ns = JsonFields.String(k8s, "namespace");
        var account = JsonFields.Object(k8s, "serviceaccount");
        var name = JsonFields.String(account, "name");
        var uid = JsonFields.String(account, "uid");
        if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(uid))
        {
            return null;
        }

        var stored = _store.Get(ServiceAccounts, ns, name);
        if (stored is null || JsonFields.Uid(stored) != uid)
        {
            return null;
        }

        foreach (var kind in BoundObject.Kinds)
        {
            if (JsonFields.Object(k8s, kind.ClaimName) is { } bound)
            {
                var boundName = JsonFields.String(bound, "name") ?? "";
                var boundObject = boundName.Length == 0 ? null : _store.Get(kind.Resource, kind.Namespaced ? ns : null, boundName);
                if (boundObject is null || JsonFields.Uid(boundObject) != JsonFields.String(bound, "uid"))
                {
                    return null;
                }
            }
        }

        return new UserInfo(
            UserInfo.ServiceAccountUserName(ns, name),
            uid,
            ["system:serviceaccounts", $"system:serviceaccounts:{ns}", UserInfo.AuthenticatedGroup]);
    }

    /// <summary>Whether <paramref name="token"/> looks like a JWT (three dot-separated parts).</summary>
    internal static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    private JsonObject? ReadVerifiedClaims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Sign(string headerAndPayload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(headerAndPayload)));

    private static long? Number(JsonObject obj, string property) => JsonFields.Int64(obj[property]);
}
