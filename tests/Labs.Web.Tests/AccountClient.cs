using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Web.Tests;

/// <summary>What a learner's browser or script does with accounts: the JSON API and the forms with their antiforgery token.</summary>
internal static partial class AccountClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/account/signup", new { email, password }, Ct);

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/account/signin", new { email, password }, Ct);

    public static async Task<JsonObject> WhoAmIAsync(HttpClient client)
    {
        var answer = await client.GetAsync("/api/account", Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    public static async Task<string> LearnerIdAsync(HttpClient client) => (await WhoAmIAsync(client))["learnerId"]!.GetValue<string>();

    /// <summary>A new signed-in account of its own cookie jar, and its learner id.</summary>
    public static async Task<(HttpClient Client, string LearnerId)> NewAccountAsync(KestrelPlatform platform, string email, string password = "correct horse battery")
    {
        var client = platform.NewLearner();
        var answer = await SignUpAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (client, await LearnerIdAsync(client));
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page, Ct);
        return TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token in {page}.");
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))), Ct);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
