namespace Labs.Web.Accounts;

/// <summary>Authentication schemes and policies of accounts (the learner cookie is <see cref="Security.LearnerIdentity.Scheme"/>).</summary>
public static class AccountSchemes
{
    /// <summary>The OpenID Connect scheme, and the login provider name its accounts' logins are stored under.</summary>
    public const string Oidc = "oidc";

    /// <summary>A short-lived cookie holding the provider's identity between its callback and the account sign-in.</summary>
    public const string External = "Labs.External";

    /// <summary>Where the provider sends the browser back to.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Policy: instructors and admins.</summary>
    public const string InstructorPolicy = "Instructor";

    /// <summary>Policy: admins.</summary>
    public const string AdminPolicy = "Admin";
}
