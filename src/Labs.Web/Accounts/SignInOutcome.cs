namespace Labs.Web.Accounts;

/// <summary>How a sign-in went: the learner id signed in as, or a sentence saying why not.</summary>
/// <param name="LearnerId">The account's learner id on success.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="LockedOut">True when the account is locked after too many wrong passwords.</param>
internal sealed record SignInOutcome(string? LearnerId, string? Error, bool LockedOut = false)
{
    public bool Succeeded => Error is null;

    public static SignInOutcome Failed(string error, bool lockedOut = false) => new(null, error, lockedOut);
}
