using Labs.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Labs.Web.Accounts;

/// <summary>
/// <c>/account</c>: the sign-in, sign-up and account pages, their form posts (each checks the antiforgery token itself,
/// so a post without it gets a page that says what to do instead of an exception) and the OpenID Connect round trip.
/// </summary>
internal static class AccountPageEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").WithTags("Accounts");
        account.MapGet("", (HttpContext context, IAntiforgery antiforgery, RoleDirectory roles, IOptions<AccountsOptions> options) =>
            LearnerIdentity.IsAnonymous(context.User)
                ? Page(AccountPages.Anonymous(options.Value.AllowSignUp))
                : Page(AccountPages.Account(Token(context, antiforgery), LearnerIdentity.LearnerIdOf(context.User)!,
                    context.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value, roles.RolesOf(LearnerIdentity.LearnerIdOf(context.User)))));
        account.MapGet("/signin", (HttpContext context, IAntiforgery antiforgery, IOptions<AccountsOptions> options, string? error, string? returnUrl) =>
            Page(AccountPages.SignIn(Token(context, antiforgery), error, returnUrl, options.Value.Oidc, options.Value.AllowSignUp)));
        account.MapPost("/signin", SignInAsync);
        account.MapGet("/signup", (HttpContext context, IAntiforgery antiforgery, IOptions<AccountsOptions> options) =>
            Page(AccountPages.SignUp(Token(context, antiforgery), null, options.Value.MinimumPasswordLength)));
        account.MapPost("/signup", SignUpAsync);
        account.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (await ReadFormAsync(context, antiforgery) is null)
            {
                return FormRefused();
            }

            await AccountSignIn.SignOutAsync(context);
            return Results.Redirect("/", permanent: false, preserveMethod: false);
        });
        account.MapPost("/oidc", async (HttpContext context, IAntiforgery antiforgery, IOptions<AccountsOptions> options) =>
        {
            if (!options.Value.Oidc.Enabled)
            {
                return Results.NotFound();
            }

            return await ReadFormAsync(context, antiforgery) is { } form
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/account/oidc/done?returnUrl=" + Uri.EscapeDataString(LocalOrHome(form.ReturnUrl)) }, [AccountSchemes.Oidc])
                : FormRefused();
        });
        account.MapGet("/oidc/done", async (HttpContext context, ExternalSignIn external, string? returnUrl, CancellationToken cancellationToken) =>
        {
            var outcome = await external.CompleteAsync(context, cancellationToken);
            return outcome.Succeeded
                ? Results.Redirect(LocalOrHome(returnUrl))
                : Results.Redirect("/account/signin?error=" + Uri.EscapeDataString(outcome.Error!));
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, AccountSignIn signIn, IAntiforgery antiforgery, IOptions<AccountsOptions> options, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return FormRefused();
        }

        var outcome = await signIn.PasswordSignInAsync(context, form.Email, form.Password, cancellationToken);
        return outcome.Succeeded
            ? Results.Redirect(LocalOrHome(form.ReturnUrl, "/account"), permanent: false, preserveMethod: false)
            : Page(AccountPages.SignIn(Token(context, antiforgery), outcome.Error, form.ReturnUrl, options.Value.Oidc, options.Value.AllowSignUp),
                outcome.LockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> SignUpAsync(
        HttpContext context, AccountSignIn signIn, IAntiforgery antiforgery, IOptions<AccountsOptions> options, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return FormRefused();
        }

        var outcome = form.Password != form.Confirm
            ? SignInOutcome.Failed("The two passwords differ: type the same one twice.")
            : await signIn.SignUpAsync(context, form.Email, form.Password, cancellationToken);
        return outcome.Succeeded
            ? Results.Redirect("/account", permanent: false, preserveMethod: false)
            : Page(AccountPages.SignUp(Token(context, antiforgery), outcome.Error, options.Value.MinimumPasswordLength), StatusCodes.Status400BadRequest);
    }

    /// <summary>The posted form when it carries a valid antiforgery token for this visitor; null otherwise.</summary>
    private static async Task<AccountForm?> ReadFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return new AccountForm
        {
            Email = form["email"].FirstOrDefault(),
            Password = form["password"].FirstOrDefault(),
            Confirm = form["confirm"].FirstOrDefault(),
            ReturnUrl = form["returnUrl"].FirstOrDefault(),
        };
    }

    private static IResult FormRefused() => Page(
        AccountPages.Refused("This form was not sent by a Labs page of this browser, or it is too old: open the page again and send it from there."),
        StatusCodes.Status400BadRequest);

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, Html, statusCode: status);

    private static string Token(HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!;

    /// <summary>A return address on this site only (an open redirect would send a fresh sign-in to anyone's page).</summary>
    internal static string LocalOrHome(string? url, string home = "/") =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : (url == "/" ? "/" : home);
}
