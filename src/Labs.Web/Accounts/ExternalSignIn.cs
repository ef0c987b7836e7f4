using System.Security.Claims;
using Labs.Data.Entities;
using Labs.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Labs.Web.Accounts;

/// <summary>
/// The end of an OpenID Connect sign-in: the provider's identity (its <c>sub</c>) is an account's login. A known login
/// signs in to its account; a new one is linked to the account the caller is signed in to, or becomes a new account
/// under the caller's learner id (so an anonymous learner keeps their progress). An email that another account already
/// uses is never linked by itself: that account's owner signs in with their password first, then uses the provider.
/// </summary>
internal sealed class ExternalSignIn(UserManager<LabsUser> users, AccountSignIn signIn)
{
    public async Task<SignInOutcome> CompleteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var external = await context.AuthenticateAsync(AccountSchemes.External);
        await context.SignOutAsync(AccountSchemes.External);
        if (!external.Succeeded || external.Principal.FindFirstValue("sub") is not { Length: > 0 } subject)
        {
            return SignInOutcome.Failed("The sign-in with the identity provider did not complete: try again.");
        }

        var user = await users.FindByLoginAsync(AccountSchemes.Oidc, subject);
        if (user is not null)
        {
            return await signIn.SignInAsAsync(context, user, "oidc", cancellationToken);
        }

        var login = new UserLoginInfo(AccountSchemes.Oidc, subject, AccountSchemes.Oidc);
        var current = LearnerIdentity.LearnerIdOf(context.User);
        if (current is not null && !LearnerIdentity.IsAnonymous(context.User) && await users.FindByIdAsync(current) is { } signedIn)
        {
            var linked = await users.AddLoginAsync(signedIn, login);
            return linked.Succeeded
                ? await signIn.SignInAsAsync(context, signedIn, "oidc", cancellationToken)
                : SignInOutcome.Failed(string.Join(" ", linked.Errors.Select(e => e.Description)));
        }

        var email = external.Principal.FindFirstValue("email") ?? $"{subject}@{AccountSchemes.Oidc}";
        if (await users.FindByEmailAsync(email) is not null)
        {
            return SignInOutcome.Failed($"An account with the email {email} exists already: sign in with its password, then sign in with the identity provider to link the two.");
        }

        var created = await signIn.CreateAsync(current ?? LearnerIdentity.NewLearnerId(), email, password: null, cancellationToken);
        if (created.User is null)
        {
            return SignInOutcome.Failed(string.Join(" ", created.Errors));
        }

        var added = await users.AddLoginAsync(created.User, login);
        return added.Succeeded
            ? await signIn.SignInAsAsync(context, created.User, "oidc", cancellationToken)
            : SignInOutcome.Failed(string.Join(" ", added.Errors.Select(e => e.Description)));
    }
}
