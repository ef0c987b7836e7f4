using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Labs.Web.Tests;

/// <summary>Every visitor gets an anonymous learner identity in a signed, HttpOnly, SameSite cookie.</summary>
public sealed class LearnerIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_visit_sets_an_httponly_samesite_learner_cookie_and_later_visits_keep_the_learner()
    {
        await using var platform = KestrelPlatform.Start();
        using var browser = platform.NewLearner();

        var page = await browser.GetAsync("/", Ct);
        var first = await LearnerAsync(browser);
        var again = await LearnerAsync(browser);

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("labs.learner=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain http on 127.0.0.1: a Secure cookie would never come back. Over https the cookie is Secure.
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first["learnerId"]!.GetValue<string>(), again["learnerId"]!.GetValue<string>());
        Assert.True(first["anonymous"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Over_https_the_learner_cookie_is_secure()
    {
        await using var factory = new PlatformFactory();
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var page = await browser.GetAsync("/", Ct);

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("labs.learner=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Visitors_without_a_cookie_or_with_a_forged_one_each_get_a_new_learner()
    {
        await using var platform = KestrelPlatform.Start();
        using var browser = platform.NewLearner();
        using var forger = platform.WithoutCookies();

        var mine = (await LearnerAsync(browser))["learnerId"]!.GetValue<string>();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/learner");
        forged.Headers.Add("Cookie", "labs.learner=" + mine);
        var answer = await forger.SendAsync(forged, Ct);
        var theirs = (await answer.Content.ReadFromJsonAsync<JsonObject>(Ct))!["learnerId"]!.GetValue<string>();
        using var stranger = platform.WithoutCookies();
        var another = (await LearnerAsync(stranger))["learnerId"]!.GetValue<string>();

        Assert.NotEqual(mine, theirs);
        Assert.NotEqual(theirs, another);
        Assert.Matches("^[a-z0-9]{24}$", theirs);
    }

    [Fact]
    public async Task The_cookie_is_still_valid_after_a_restart_on_the_same_data_directory()
    {
        var data = Directory.CreateTempSubdirectory("labs-restart-").FullName;
        try
        {
            var cookies = new CookieContainer();
            string before;
            await using (var platform = KestrelPlatform.StartIn(data))
            {
                using var browser = platform.NewLearner(cookies);
                before = (await LearnerAsync(browser))["learnerId"]!.GetValue<string>();
            }

            await using var restarted = KestrelPlatform.StartIn(data);
            var cookie = cookies.GetAllCookies().Single(c => c.Name == "labs.learner");
            using var again = restarted.WithoutCookies();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/learner");
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            var after = await (await again.SendAsync(request, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

            Assert.Equal(before, after!["learnerId"]!.GetValue<string>());
            Assert.True(Directory.EnumerateFiles(Path.Combine(data, "keys"), "key-*.xml").Any());
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Temp files; the OS cleans them up.
            }
        }
    }

    private static async Task<JsonObject> LearnerAsync(HttpClient client)
    {
        var answer = await client.GetAsync("/api/learner", Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
