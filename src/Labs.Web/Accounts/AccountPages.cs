using Labs.Web.Pages;

namespace Labs.Web.Accounts;

/// <summary>The account pages, in the catalogue's style: every form carries the antiforgery token.</summary>
internal static class AccountPages
{
    public static string SignIn(string token, string? error, string? returnUrl, OidcOptions oidc, bool allowSignUp)
    {
        var provider = oidc.Enabled
            ? $"""
                  <form class="account-form" method="post" action="/account/oidc">
                    {Hidden(token, returnUrl)}
                    <button type="submit">Sign in with {PageLayout.Encode(oidc.DisplayName)}</button>
                  </form>
              """
            : "";
        var signUp = allowSignUp ? """<p class="account-hint">No account yet? <a href="/account/signup">Sign up</a>: what you did so far stays yours.</p>""" : "";
        return Page("Sign in", $"""
                <h1>Sign in</h1>
                {Error(error)}
                <form class="account-form" method="post" action="/account/signin">
                  {Hidden(token, returnUrl)}
                  <label>Email <input type="email" name="email" autocomplete="username" required></label>
                  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
                  <button type="submit">Sign in</button>
                </form>
                {provider}
                {signUp}
            """);
    }

    public static string SignUp(string token, string? error, int minimumLength) => Page("Sign up", $"""
            <h1>Make an account</h1>
            <p class="account-hint">Your labs, checks and hints so far move into the account.</p>
            {Error(error)}
            <form class="account-form" method="post" action="/account/signup">
              {Hidden(token, null)}
              <label>Email <input type="email" name="email" autocomplete="username" required></label>
              <label>Password <input type="password" name="password" autocomplete="new-password" minlength="{minimumLength}" required></label>
              <label>Password again <input type="password" name="confirm" autocomplete="new-password" minlength="{minimumLength}" required></label>
              <p class="account-hint">At least {minimumLength} characters; a few words make a good one.</p>
              <button type="submit">Sign up</button>
            </form>
            <p class="account-hint">Have one? <a href="/account/signin">Sign in</a>.</p>
        """);

    public static string Account(string token, string learnerId, string? email, IReadOnlyList<string> roles) => Page("Account", $"""
            <h1>Your account</h1>
            <p>Signed in as <strong>{PageLayout.Encode(email ?? learnerId)}</strong>{(roles.Count == 0 ? "" : $" ({PageLayout.Encode(string.Join(", ", roles))})")}.</p>
            <form class="account-actions" method="post" action="/account/signout">
              {Hidden(token, null)}
              <button type="submit">Sign out</button>
            </form>
            <p><a href="/">See all labs</a>.</p>
        """);

    public static string Anonymous(bool allowSignUp) => Page("Account", $"""
            <h1>You have no account yet</h1>
            <p>Labs remembers you in this browser only. <a href="/account/signin">Sign in</a>{(allowSignUp ? " or <a href=\"/account/signup\">sign up</a>" : "")} to keep your progress on any device.</p>
        """);

    public static string Refused(string why) => Page("Form refused", $"""
            <h1>Form refused</h1>
            {Error(why)}
            <p><a href="/account">Back to your account</a>.</p>
        """);

    private static string Page(string title, string inner) =>
        PageLayout.Render(title, $"""
              <main class="catalog account">
            {inner}
              </main>
            """, withScript: false);

    private static string Hidden(string token, string? returnUrl) =>
        $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{PageLayout.Encode(token)}\">"
        + (returnUrl is null ? "" : $"<input type=\"hidden\" name=\"returnUrl\" value=\"{PageLayout.Encode(returnUrl)}\">");

    private static string Error(string? error) =>
        error is null ? "" : $"<p class=\"account-error\" role=\"alert\">{PageLayout.Encode(error)}</p>";
}
