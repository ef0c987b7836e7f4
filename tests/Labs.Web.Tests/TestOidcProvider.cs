using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Labs.Web.Tests;

/// <summary>
/// A small OpenID Connect provider on 127.0.0.1 for the sign-in tests: discovery document, JWKS, the authorization
/// endpoint (authorization code flow, PKCE S256, no login page: it signs in <see cref="NextSubject"/>) and the token
/// endpoint (client secret, redirect URI and code verifier checked; an RS256 ID token signed with a test key).
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "labs-test";
    public const string ClientSecret = "labs-test-secret";

    private const string KeyId = "test-key-1";
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _strangerKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private TestOidcProvider(WebApplication app)
    {
        _app = app;
        Map(app);
    }

    /// <summary>The issuer (and authority) URL.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Who the next authorization signs in: subject, email and name.</summary>
    public (string Subject, string Email, string Name) NextSubject { get; set; } = ("subject-1", "sso@example.org", "Sso User");

    /// <summary>Signs ID tokens with a key the JWKS does not publish (a forged token).</summary>
    public bool SignWithUnknownKey { get; set; }

    /// <summary>Token requests that were refused, with why.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var provider = new TestOidcProvider(builder.Build());
        await provider._app.StartAsync(TestContext.Current.CancellationToken);
        provider.Issuer = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!),
                }),
            });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", TokenAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || !query["scope"].ToString().Split(' ').Contains("openid")
            || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest("invalid_request");
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Grant(query["redirect_uri"]!, query["code_challenge"]!, query["nonce"].ToString(), NextSubject);
        var redirect = $"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Refuse("invalid_client", $"client {clientId} with a wrong secret");
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("invalid_grant", "unknown or used code");
        }

        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (form["redirect_uri"] != grant.RedirectUri || challenge != grant.CodeChallenge)
        {
            return Refuse("invalid_grant", "redirect_uri or code_verifier does not match");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idToken = Sign(new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = grant.Subject.Subject, ["email"] = grant.Subject.Email, ["name"] = grant.Subject.Name,
            ["nonce"] = grant.Nonce, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
        });
        return Results.Json(new JsonObject
        {
            ["access_token"] = Base64Url(RandomNumberGenerator.GetBytes(24)), ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken,
        });
    }

    private IResult Refuse(string error, string why)
    {
        Refusals.Enqueue(why);
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: 400);
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    private string Sign(JsonObject claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = (SignWithUnknownKey ? _strangerKey : _key).SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
        _strangerKey.Dispose();
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string Nonce, (string Subject, string Email, string Name) Subject);
}
