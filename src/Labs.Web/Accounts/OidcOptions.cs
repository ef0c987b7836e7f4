namespace Labs.Web.Accounts;

/// <summary>OpenID Connect sign-in (authorization code flow with PKCE). Bound from <c>Accounts:Oidc</c>.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL (its discovery document is <c>{Authority}/.well-known/openid-configuration</c>). Default none: OIDC is off.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The client id the provider gave Labs.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (give it as an environment variable).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for, separated by spaces. Default <c>openid profile email</c>.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The button's words on the sign-in page. Default <c>single sign-on</c>.</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Whether the discovery document must come over https. Default true; false only for a provider on this machine.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether OIDC is configured.</summary>
    public bool Enabled => Authority is not null;
}
