using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Terminal;
using Microsoft.AspNetCore.SignalR.Client;

namespace Labs.Web.Tests;

/// <summary>
/// Who reaches what, with accounts and roles: a signed-in learner's session, terminal and results are theirs alone
/// (another learner, signed in or anonymous, gets the 404 of a missing session); instructors and admins read every
/// session and result but change none; the instructor API is for instructors and admins, the admin API for admins.
/// </summary>
public sealed class AccountAccessMatrixTests : IAsyncLifetime
{
    private const string AdminEmail = "root@example.org";
    private const string AdminPassword = "the first admin's passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;
    private readonly CookieContainer _ownerCookies = new();
    private readonly CookieContainer _instructorCookies = new();
    private HttpClient _owner = null!;
    private HttpClient _other = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _instructor = null!;
    private HttpClient _admin = null!;
    private string _ownerId = null!;
    private string _instructorId = null!;
    private string _session = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start(new Dictionary<string, string> { ["Accounts:AdminEmail"] = AdminEmail, ["Accounts:AdminPassword"] = AdminPassword });
        _owner = _platform.NewLearner(_ownerCookies);
        Assert.Equal(HttpStatusCode.OK, (await AccountClient.SignUpAsync(_owner, "owner@example.org", "correct horse battery")).StatusCode);
        _ownerId = await AccountClient.LearnerIdAsync(_owner);
        _session = await KestrelPlatform.StartSessionAsync(_owner);
        _other = (await AccountClient.NewAccountAsync(_platform, "other@example.org")).Client;
        _anonymous = _platform.NewLearner();
        _instructor = _platform.NewLearner(_instructorCookies);
        Assert.Equal(HttpStatusCode.OK, (await AccountClient.SignUpAsync(_instructor, "teacher@example.org", "correct horse battery")).StatusCode);
        _instructorId = await AccountClient.LearnerIdAsync(_instructor);
        _admin = _platform.NewLearner();
        Assert.Equal(HttpStatusCode.OK, (await AccountClient.SignInAsync(_admin, AdminEmail, AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsync($"/api/admin/users/{_instructorId}/roles/instructor", null, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { _owner, _other, _anonymous, _instructor, _admin })
        {
            client.Dispose();
        }

        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task Every_session_endpoint_answers_its_owner_lets_overseers_read_and_gives_everyone_else_404()
    {
        var reads = new[] { $"GET /api/sessions/{_session}", $"GET /api/sessions/{_session}/recordings" };
        var writes = new[]
        {
            $"POST /api/sessions/{_session}/tasks/web-deployment/check", $"POST /api/sessions/{_session}/extend",
            $"POST /api/sessions/{_session}/reset", $"POST /api/sessions/{_session}/finish", $"DELETE /api/sessions/{_session}",
        };
        var wrong = new List<string>();
        foreach (var (who, client, canRead) in new[] { ("another learner", _other, false), ("an anonymous learner", _anonymous, false), ("an instructor", _instructor, true), ("an admin", _admin, true) })
        {
            foreach (var call in reads.Concat(writes))
            {
                var expected = canRead && reads.Contains(call) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                var status = (await SendAsync(client, call)).StatusCode;
                if (status != expected)
                {
                    wrong.Add($"{who}: {call} answered {(int)status}, not {(int)expected}");
                }
            }
        }

        Assert.Empty(wrong);
        foreach (var call in reads.Concat(writes.Take(2)))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(_owner, call)).StatusCode);
        }

        Assert.Empty((await _other.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!);
        Assert.NotEqual(_ownerId, (await _other.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!["learnerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_instructor_api_is_for_instructors_and_admins_and_the_admin_api_for_admins()
    {
        var instructorCalls = new[] { "GET /api/instructor/sessions", "GET /api/instructor/labs/deployments-101/completion", $"GET /api/instructor/learners/{_ownerId}/progress" };
        var adminCalls = new[] { "GET /api/admin/users", $"PUT /api/admin/users/{_ownerId}/roles/admin" };
        var wrong = new List<string>();
        foreach (var (who, client, instructor, admin) in new[]
                 {
                     ("a learner", _owner, false, false), ("an anonymous learner", _anonymous, false, false),
                     ("an instructor", _instructor, true, false), ("an admin", _admin, true, true),
                 })
        {
            foreach (var call in instructorCalls.Select(c => (c, instructor)).Concat(adminCalls.Take(1).Select(c => (c, admin))).Concat(admin ? [] : adminCalls.Skip(1).Select(c => (c, false))))
            {
                var status = (await SendAsync(client, call.c)).StatusCode;
                var expected = call.Item2 ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                if (status != expected)
                {
                    wrong.Add($"{who}: {call.c} answered {(int)status}, not {(int)expected}");
                }
            }
        }

        Assert.Empty(wrong);
        var sessions = (await _instructor.GetFromJsonAsync<JsonArray>("/api/instructor/sessions", Ct))!;
        Assert.Contains(sessions, s => s!["learnerId"]!.GetValue<string>() == _ownerId && s["session"]!["sessionId"]!.GetValue<string>() == _session);
        var users = (await _admin.GetFromJsonAsync<JsonArray>("/api/admin/users", Ct))!;
        Assert.Equal(["learner", "instructor"], users.Single(u => u!["id"]!.GetValue<string>() == _instructorId)!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PutAsync($"/api/admin/users/{_ownerId}/roles/root", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PutAsync("/api/admin/users/nosuchaccount/roles/instructor", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_role_taken_back_counts_at_once()
    {
        using var assistant = (await AccountClient.NewAccountAsync(_platform, "assistant@example.org")).Client;
        var id = await AccountClient.LearnerIdAsync(assistant);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsync($"/api/admin/users/{id}/roles/instructor", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await assistant.GetAsync($"/api/sessions/{_session}", Ct)).StatusCode);
        Assert.Equal(["learner", "instructor"], (await AccountClient.WhoAmIAsync(assistant))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/admin/users/{id}/roles/instructor", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await assistant.GetAsync("/api/instructor/sessions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assistant.GetAsync($"/api/sessions/{_session}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_the_signed_in_owner_watches_the_terminal_and_an_instructor_gets_not_found_and_no_screen_bytes()
    {
        await using var owner = Connect(_ownerCookies);
        await owner.StartAsync(Ct);
        var text = "";
        await foreach (var frame in owner.StreamAsync<TerminalFrame>("Output", _session, "1", null, 0L, 80, 24, Ct))
        {
            text += Encoding.UTF8.GetString(Convert.FromBase64String(frame.Data));
            if (text.Contains("learner", StringComparison.Ordinal))
            {
                break;
            }
        }

        await using var instructor = Connect(_instructorCookies);
        await instructor.StartAsync(Ct);
        var frames = await instructor.StreamAsync<TerminalFrame>("Output", _session, "1", null, 0L, 80, 24, Ct).ToListAsync(Ct);
        await instructor.InvokeAsync("Close", _session, "1", Ct);

        var only = Assert.Single(frames);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, only.Error);
        Assert.Equal(string.Empty, only.Data);
        Assert.Equal(["1"], await owner.InvokeAsync<List<string>>("Terminals", _session, Ct));
        Assert.Empty(await instructor.InvokeAsync<List<string>>("Terminals", _session, Ct));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string call)
    {
        var (method, url) = (call[..call.IndexOf(' ', StringComparison.Ordinal)], call[(call.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        return client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct);
    }

    private HubConnection Connect(CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(_platform.BaseAddress, TerminalEndpointRouteBuilderExtensions.HubPath), options => options.Cookies = cookies)
            .Build();
}
