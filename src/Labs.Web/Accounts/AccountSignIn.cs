using System.Security.Claims;
using Labs.Data;
using Labs.Data.Accounts;
using Labs.Data.Entities;
using Labs.Sessions;
using Labs.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Labs.Web.Accounts;

/// <summary>
/// Sign-up, sign-in and sign-out, for the pages, the JSON API and OpenID Connect alike. An account signs in as its
/// learner id in the learner cookie (the one scheme of the platform); a visitor who was anonymous keeps everything:
/// signing up makes the account under their learner id, and signing in to an existing account merges their learner
/// into it (running sessions, then the database rows).
/// </summary>
internal sealed partial class AccountSignIn(
    UserManager<LabsUser> users, IDbContextFactory<LabsDbContext> contexts, SessionManager sessions, TimeProvider time,
    IOptions<AccountsOptions> options, ILogger<AccountSignIn> logger)
{
    /// <summary>The one answer to a wrong email or password, so a sign-in form cannot tell which accounts exist.</summary>
    public const string WrongCredentials = "Wrong email or password.";

    /// <summary>Makes an account under <paramref name="learnerId"/> (with a password, or none for a provider's login).</summary>
    public async Task<AccountCreation> CreateAsync(string learnerId, string email, string? password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await Learners.EnsureAsync(contexts, learnerId, now, cancellationToken);
        var user = new LabsUser { Id = learnerId, UserName = email, Email = email, CreatedAt = now };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountCreation(null, [.. created.Errors.Select(e => e.Description)]);
        }

        await users.AddToRoleAsync(user, LabsRoles.Learner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Learners.Where(l => l.Id == learnerId).ExecuteUpdateAsync(u => u.SetProperty(l => l.DisplayName, email), cancellationToken);
        LogSignedUp(learnerId);
        return new AccountCreation(user, []);
    }

    /// <summary>Makes an account for the caller, who keeps their learner id (and with it their progress), and signs them in.</summary>
    public async Task<SignInOutcome> SignUpAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSignUp)
        {
            return SignInOutcome.Failed("Sign-up is closed here: ask the platform's admin for an account.");
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return SignInOutcome.Failed("Give an email and a password.");
        }

        if (LearnerIdentity.LearnerIdOf(context.User) is not { } learnerId || !LearnerIdentity.IsAnonymous(context.User))
        {
            return SignInOutcome.Failed("You are signed in to an account already: sign out first to make another.");
        }

        var created = await CreateAsync(learnerId, email.Trim(), password, cancellationToken);
        if (created.User is null)
        {
            return SignInOutcome.Failed(string.Join(" ", created.Errors));
        }

        return await SignInAsAsync(context, created.User, "pwd", cancellationToken);
    }

    /// <summary>Checks the password (counting failures towards the lockout) and signs the caller in to the account.</summary>
    public async Task<SignInOutcome> PasswordSignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return SignInOutcome.Failed("Give your email and your password.");
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return SignInOutcome.Failed(WrongCredentials);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Locked(user);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            LogWrongPassword(user.Id);
            return await users.IsLockedOutAsync(user) ? Locked(user) : SignInOutcome.Failed(WrongCredentials);
        }

        await users.ResetAccessFailedCountAsync(user);
        return await SignInAsAsync(context, user, "pwd", cancellationToken);
    }

    /// <summary>
    /// Signs the caller in to <paramref name="user"/>: an anonymous learner's sessions and records move into the
    /// account first, then the learner cookie carries the account's learner id.
    /// </summary>
    public async Task<SignInOutcome> SignInAsAsync(HttpContext context, LabsUser user, string method, CancellationToken cancellationToken)
    {
        if (LearnerIdentity.LearnerIdOf(context.User) is { } current && LearnerIdentity.IsAnonymous(context.User) && current != user.Id)
        {
            await sessions.TransferAsync(current, user.Id, cancellationToken);
            var moved = await LearnerMerge.MergeAsync(contexts, current, user.Id, time.GetUtcNow(), cancellationToken);
            LogMerged(current, user.Id, moved.Sessions, moved.CheckRuns, moved.Reveals, moved.ExamAttempts);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.UserName ?? user.Id),
                new Claim(ClaimTypes.Email, user.Email ?? string.Empty),
                new Claim(ClaimTypes.AuthenticationMethod, method),
            ],
            LearnerIdentity.Scheme));
        await context.SignInAsync(LearnerIdentity.Scheme, principal, new AuthenticationProperties { IsPersistent = true });
        context.User = principal;
        return new SignInOutcome(user.Id, null);
    }

    /// <summary>Signs out: the next visit is a new anonymous learner, and the account's progress stays with the account.</summary>
    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(LearnerIdentity.Scheme);

    private SignInOutcome Locked(LabsUser user)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(((user.LockoutEnd ?? time.GetUtcNow()) - time.GetUtcNow()).TotalMinutes));
        return SignInOutcome.Failed(
            $"This account is locked after {options.Value.MaxFailedSignIns} wrong passwords in a row. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.",
            lockedOut: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learner {LearnerId} made an account")]
    private partial void LogSignedUp(string learnerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrong password for account {LearnerId}")]
    private partial void LogWrongPassword(string learnerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anonymous learner {From} signed in to account {Into}: moved {Sessions} sessions, {Runs} check runs, {Reveals} reveals, {Attempts} exam attempts")]
    private partial void LogMerged(string from, string into, int sessions, int runs, int reveals, int attempts);
}
