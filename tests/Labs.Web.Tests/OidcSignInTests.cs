using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>
/// OpenID Connect sign-in end to end, against a provider the test runs on 127.0.0.1 (discovery, JWKS, authorization
/// code with PKCE, token endpoint, an RS256 ID token): the browser's redirects are followed one by one, as a browser would.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestOidcProvider _provider = null!;
    private KestrelPlatform _platform = null!;

    public async ValueTask InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync();
        _platform = KestrelPlatform.Start(new Dictionary<string, string>
        {
            ["Accounts:Oidc:Authority"] = _provider.Issuer,
            ["Accounts:Oidc:ClientId"] = TestOidcProvider.ClientId,
            ["Accounts:Oidc:ClientSecret"] = TestOidcProvider.ClientSecret,
            ["Accounts:Oidc:RequireHttpsMetadata"] = "false",
            ["Accounts:Oidc:DisplayName"] = "Test IdP",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_first_sign_in_makes_an_account_that_keeps_the_anonymous_learner_and_a_later_one_merges_into_it()
    {
        using var browser = Browser();
        var session = await KestrelPlatform.StartSessionAsync(browser);
        var anonymousId = await AccountClient.LearnerIdAsync(browser);
        Assert.Contains("Sign in with Test IdP", await browser.GetStringAsync("/account/signin", Ct), StringComparison.Ordinal);

        var landed = await SignInWithProviderAsync(browser, "/labs/deployments-101");

        Assert.Equal("/labs/deployments-101", landed);
        var account = await AccountClient.WhoAmIAsync(browser);
        Assert.Equal((anonymousId, false, "sso@example.org"), (account["learnerId"]!.GetValue<string>(), account["anonymous"]!.GetValue<bool>(), account["email"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/sessions/{session}", Ct)).StatusCode);

        using var laptop = Browser();
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/labs/deployments-101/tasks/web-deployment/hints", null, Ct)).StatusCode);
        await SignInWithProviderAsync(laptop, "/");
        Assert.Equal(anonymousId, await AccountClient.LearnerIdAsync(laptop));
        Assert.Equal(session, Assert.Single((await laptop.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!)!["sessionId"]!.GetValue<string>());
        Assert.Equal(1, (await laptop.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!["labs"]![0]!["hintsRevealed"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_id_token_signed_with_a_key_the_provider_does_not_publish_signs_nobody_in()
    {
        using var browser = Browser();
        var anonymousId = await AccountClient.LearnerIdAsync(browser);
        _provider.SignWithUnknownKey = true;
        _provider.NextSubject = ("forger", "forger@example.org", "Forger");

        var landed = await SignInWithProviderAsync(browser, "/");

        Assert.StartsWith("/account/signin?error=", landed, StringComparison.Ordinal);
        var who = await AccountClient.WhoAmIAsync(browser);
        Assert.Equal((anonymousId, true), (who["learnerId"]!.GetValue<string>(), who["anonymous"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_provider_email_that_a_password_account_uses_is_not_linked_by_itself()
    {
        (await AccountClient.NewAccountAsync(_platform, "taken@example.org")).Client.Dispose();
        _provider.NextSubject = ("subject-taken", "taken@example.org", "Someone");
        using var browser = Browser();

        var landed = await SignInWithProviderAsync(browser, "/");

        Assert.Contains(Uri.EscapeDataString("An account with the email taken@example.org exists already"), landed, StringComparison.Ordinal);
        Assert.True((await AccountClient.WhoAmIAsync(browser))["anonymous"]!.GetValue<bool>());
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _platform.BaseAddress };

    /// <summary>Presses the provider's button and follows every redirect; returns where the platform finally sends the browser.</summary>
    private async Task<string> SignInWithProviderAsync(HttpClient browser, string returnUrl)
    {
        var token = await AccountClient.FormTokenAsync(browser, "/account/signin");
        var answer = await AccountClient.PostFormAsync(browser, "/account/oidc", ("__RequestVerificationToken", token), ("returnUrl", returnUrl));
        for (var hops = 0; hops < 6; hops++)
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var next = answer.Headers.Location!;
            if (!next.IsAbsoluteUri)
            {
                if (!next.OriginalString.StartsWith("/account/oidc/done", StringComparison.Ordinal) && !next.OriginalString.StartsWith("/signin-oidc", StringComparison.Ordinal))
                {
                    return next.OriginalString;
                }

                next = new Uri(_platform.BaseAddress, next);
            }

            answer = await browser.GetAsync(next, Ct);
        }

        throw new InvalidOperationException("The sign-in did not end after 6 redirects.");
    }
}
