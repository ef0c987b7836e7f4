using System.ComponentModel.DataAnnotations;

namespace Labs.Web.Accounts;

/// <summary>Accounts (sign-up, sign-in, roles). Bound from the configuration section <c>Accounts</c>.</summary>
public sealed class AccountsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Accounts";

    /// <summary>Whether visitors may make an account with an email and a password. Default true.</summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>The shortest password accepted. Default 10.</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>Wrong passwords in a row that lock an account. Default 5.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The first admin's email: at start-up this account is made (with <see cref="AdminPassword"/>) when it does not
    /// exist, and given the admin role. Default none.
    /// </summary>
    [EmailAddress]
    public string? AdminEmail { get; set; }

    /// <summary>The first admin's password, used only when their account is made (give it as an environment variable). Default none.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Sign-in with an OpenID Connect provider; off unless <see cref="OidcOptions.Authority"/> is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
