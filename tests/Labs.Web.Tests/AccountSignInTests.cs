using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>Accounts with a password: sign-up and sign-in keep an anonymous learner's progress, lockout, password rules, the forms.</summary>
public sealed class AccountSignInTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;

    public ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start(new Dictionary<string, string> { ["Accounts:MaxFailedSignIns"] = "3" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task Signing_up_keeps_the_anonymous_learners_id_running_session_and_progress()
    {
        using var learner = _platform.NewLearner();
        var session = await KestrelPlatform.StartSessionAsync(learner);
        Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync($"/api/sessions/{session}/tasks/web-deployment/check", null, Ct)).StatusCode);
        var anonymous = await AccountClient.WhoAmIAsync(learner);

        var signedUp = await AccountClient.SignUpAsync(learner, "ada@example.org", "correct horse battery");

        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        var account = await AccountClient.WhoAmIAsync(learner);
        Assert.True(anonymous["anonymous"]!.GetValue<bool>());
        Assert.False(account["anonymous"]!.GetValue<bool>());
        Assert.Equal(anonymous["learnerId"]!.GetValue<string>(), account["learnerId"]!.GetValue<string>());
        Assert.Equal("ada@example.org", account["email"]!.GetValue<string>());
        Assert.Equal(["learner"], account["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync($"/api/sessions/{session}", Ct)).StatusCode);
        var progress = await learner.GetFromJsonAsync<JsonObject>("/api/progress", Ct);
        Assert.Equal(1, progress!["labs"]![0]!["checkRuns"]!.GetValue<int>());
    }

    [Fact]
    public async Task Signing_in_to_an_existing_account_moves_the_anonymous_learners_session_checks_and_hints_into_it()
    {
        var (owner, accountId) = await AccountClient.NewAccountAsync(_platform, "grace@example.org");
        owner.Dispose();

        using var elsewhere = _platform.NewLearner();
        var session = await KestrelPlatform.StartSessionAsync(elsewhere, "configmaps-101");
        var anonymousId = await AccountClient.LearnerIdAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.PostAsync("/api/labs/deployments-101/tasks/web-deployment/hints", null, Ct)).StatusCode);

        var signedIn = await AccountClient.SignInAsync(elsewhere, "grace@example.org", "correct horse battery");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.NotEqual(anonymousId, accountId);
        Assert.Equal(accountId, await AccountClient.LearnerIdAsync(elsewhere));
        var sessions = (await elsewhere.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!;
        Assert.Equal(session, Assert.Single(sessions)!["sessionId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.PostAsync($"/api/sessions/{session}/extend", null, Ct)).StatusCode);
        var progress = (await elsewhere.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!;
        Assert.Equal(accountId, progress["learnerId"]!.GetValue<string>());
        Assert.Equal(1, progress["labs"]![0]!["hintsRevealed"]!.GetValue<int>());

        // Signed out, the browser is a new anonymous learner who sees nothing of the account's.
        Assert.Equal(HttpStatusCode.NoContent, (await elsewhere.PostAsync("/api/account/signout", null, Ct)).StatusCode);
        Assert.True((await AccountClient.WhoAmIAsync(elsewhere))["anonymous"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/sessions/{session}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_the_same_answer_as_an_unknown_email_and_too_many_lock_the_account()
    {
        (await AccountClient.NewAccountAsync(_platform, "lin@example.org")).Client.Dispose();
        using var guesser = _platform.NewLearner();

        var unknown = await (await AccountClient.SignInAsync(guesser, "nobody@example.org", "whatever it is")).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await AccountClient.SignInAsync(guesser, "lin@example.org", "not the password " + i));
        }

        var wrong = await answers[0].Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(unknown!["detail"]!.GetValue<string>(), wrong!["detail"]!.GetValue<string>());
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)423], answers.Select(a => a.StatusCode));
        var locked = await AccountClient.SignInAsync(guesser, "lin@example.org", "correct horse battery");
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("locked after 3 wrong passwords", (await locked.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True((await AccountClient.WhoAmIAsync(guesser))["anonymous"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("short", "at least 10 characters")]
    [InlineData("aaaaaaaaaaaa", "at least 4 different characters")]
    [InlineData("my name is turing!", "must not contain your email")]
    public async Task A_password_that_breaks_a_rule_is_refused_with_the_rule(string password, string rule)
    {
        using var learner = _platform.NewLearner();

        var refused = await AccountClient.SignUpAsync(learner, "turing@example.org", password);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(rule, (await refused.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.True((await AccountClient.WhoAmIAsync(learner))["anonymous"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_sign_up_sign_out_and_sign_in_forms_work_with_their_antiforgery_token_and_refuse_a_post_without_it()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _platform.BaseAddress };
        var token = await AccountClient.FormTokenAsync(browser, "/account/signup");

        var forged = await AccountClient.PostFormAsync(browser, "/account/signup", ("email", "x@example.org"), ("password", "correct horse battery"), ("confirm", "correct horse battery"));
        var mismatch = await AccountClient.PostFormAsync(browser, "/account/signup", ("__RequestVerificationToken", token), ("email", "hopper@example.org"), ("password", "correct horse battery"), ("confirm", "other horse battery"));
        var signedUp = await AccountClient.PostFormAsync(browser, "/account/signup", ("__RequestVerificationToken", token), ("email", "hopper@example.org"), ("password", "correct horse battery"), ("confirm", "correct horse battery"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two passwords differ", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.Equal("/account", signedUp.Headers.Location?.OriginalString);
        Assert.Contains("hopper@example.org", await browser.GetStringAsync("/account", Ct), StringComparison.Ordinal);

        var signedOut = await AccountClient.PostFormAsync(browser, "/account/signout", ("__RequestVerificationToken", await AccountClient.FormTokenAsync(browser, "/account")));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("You have no account yet", await browser.GetStringAsync("/account", Ct), StringComparison.Ordinal);

        var signInToken = await AccountClient.FormTokenAsync(browser, "/account/signin");
        var wrong = await AccountClient.PostFormAsync(browser, "/account/signin", ("__RequestVerificationToken", signInToken), ("email", "hopper@example.org"), ("password", "wrong password!"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong email or password.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var signedIn = await AccountClient.PostFormAsync(browser, "/account/signin", ("__RequestVerificationToken", signInToken), ("email", "hopper@example.org"), ("password", "correct horse battery"), ("returnUrl", "//evil.example/"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
        Assert.Equal("hopper@example.org", (await AccountClient.WhoAmIAsync(browser))["email"]!.GetValue<string>());
    }
}
