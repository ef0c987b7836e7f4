using System.Security.Claims;
using System.Security.Cryptography;

namespace Labs.Web.Security;

/// <summary>
/// Who a visitor is to the platform: a learner id carried by the learner cookie. Every visitor gets one on their
/// first visit, anonymous at first. The id is the principal's <see cref="ClaimTypes.NameIdentifier"/> (what SignalR
/// and sessions use as the owner), and it is the platform's own, not an identity provider's: an account made later
/// (ASP.NET Core Identity, OpenID Connect; see Accounts/AccountSignIn) takes the learner's id and signs in with it minus
/// the <see cref="AnonymousClaimType"/> claim, so a learner who signs up keeps their sessions and progress; one who
/// signs in to an account they already had is merged into it.
/// </summary>
public static class LearnerIdentity
{
    /// <summary>The cookie authentication scheme that carries the learner.</summary>
    public const string Scheme = "Labs.Learner";

    /// <summary>Name of the learner cookie (signed and encrypted with the platform's data-protection keys).</summary>
    public const string CookieName = "labs.learner";

    /// <summary>Claim present (value <c>true</c>) while the learner has no account.</summary>
    public const string AnonymousClaimType = "labs:anonymous";

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new learner id: 24 characters of a 36-letter alphabet, about 124 random bits.</summary>
    public static string NewLearnerId() => RandomNumberGenerator.GetString(IdAlphabet, 24);

    /// <summary>The principal of an anonymous learner.</summary>
    public static ClaimsPrincipal CreateAnonymous(string learnerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(learnerId);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, learnerId), new Claim(AnonymousClaimType, "true")],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The learner id of an authenticated principal; null when the caller has none.</summary>
    public static string? LearnerIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? id : null;

    /// <summary>Whether the learner has no account (yet).</summary>
    public static bool IsAnonymous(ClaimsPrincipal user) => user.HasClaim(AnonymousClaimType, "true");
}
