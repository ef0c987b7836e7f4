using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;

namespace Labs.Cluster.Tests.Access;

public sealed class ServiceAccountTokensTests
{
    private static JsonObject TokenRequest(long? seconds = null)
    {
        var request = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = new JsonObject() };
        if (seconds is { } s)
        {
            request["spec"]!["expirationSeconds"] = s;
        }

        return request;
    }

    private static string TokenOf(JsonObject response) => (string)response["status"]!["token"]!;

    [Fact]
    public void A_token_request_answers_a_TokenRequest_with_a_token_valid_for_an_hour_by_default()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var response = tokens.CreateTokenRequest("ns1", "learner", TokenRequest());

        Assert.Equal("TokenRequest", (string?)response["kind"]);
        Assert.Equal("authentication.k8s.io/v1", (string?)response["apiVersion"]);
        Assert.Equal("learner", (string?)response["metadata"]!["name"]);
        Assert.Equal("ns1", (string?)response["metadata"]!["namespace"]);
        Assert.Equal(3600, (long)response["spec"]!["expirationSeconds"]!);
        Assert.Equal("2026-01-01T13:00:00Z", (string?)response["status"]!["expirationTimestamp"]);
        Assert.Equal(3, TokenOf(response).Split('.').Length);
    }

    [Fact]
    public void A_token_authenticates_as_its_service_account_with_the_service_account_groups()
    {
        using var cluster = new AccessTestCluster();
        var account = cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var token = TokenOf(tokens.CreateTokenRequest("ns1", "learner", TokenRequest(7200)));

        var user = tokens.Validate(token);

        Assert.NotNull(user);
        Assert.Equal("system:serviceaccount:ns1:learner", user.Name);
        Assert.Equal((string?)account["metadata"]!["uid"], user.Uid);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"], user.Groups);
    }

    [Fact]
    public void A_tampered_token_is_rejected()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        cluster.ServiceAccount("ns1", "admin-ish");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var token = TokenOf(tokens.CreateTokenRequest("ns1", "learner", TokenRequest()));
        var other = TokenOf(tokens.CreateTokenRequest("ns1", "admin-ish", TokenRequest()));
        var parts = token.Split('.');
        var otherParts = other.Split('.');

        Assert.Null(tokens.Validate($"{parts[0]}.{otherParts[1]}.{parts[2]}"));
        var flipped = (parts[2][0] == 'A' ? "B" : "A") + parts[2][1..];
        Assert.Null(tokens.Validate($"{parts[0]}.{parts[1]}.{flipped}"));
        Assert.Null(tokens.Validate($"{parts[0]}.{parts[1]}"));
        Assert.Null(tokens.Validate("not-a-token"));
    }

    [Fact]
    public void An_expired_token_is_rejected()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var token = TokenOf(tokens.CreateTokenRequest("ns1", "learner", TokenRequest(600)));

        cluster.Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.NotNull(tokens.Validate(token));
        cluster.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void Deleting_or_recreating_the_service_account_revokes_its_tokens()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var token = TokenOf(tokens.CreateTokenRequest("ns1", "learner", TokenRequest()));

        cluster.Store.Delete(ServiceAccountTokens.ServiceAccounts, "ns1", "learner");
        Assert.Null(tokens.Validate(token));

        cluster.ServiceAccount("ns1", "learner");
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void Tokens_stay_valid_across_restarts_but_not_across_data_directories()
    {
        using var cluster = new AccessTestCluster();
        using var otherCluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var token = TokenOf(new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock)
            .CreateTokenRequest("ns1", "learner", TokenRequest()));

        Assert.NotNull(new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock).Validate(token));
        Assert.Null(new ServiceAccountTokens(otherCluster.DataDirectory, cluster.Store, cluster.Clock).Validate(token));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(cluster.DataDirectory, ServiceAccountTokens.SigningKeyFileName)));
        }
    }

    [Fact]
    public void A_token_for_a_missing_service_account_is_NotFound()
    {
        using var cluster = new AccessTestCluster();
        cluster.Namespace("ns1");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var error = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "ghost", TokenRequest()));

        Assert.Equal(404, error.Code);
        Assert.Equal("serviceaccounts \"ghost\" not found", error.Message);
    }

    [Fact]
    public void An_expiration_under_ten_minutes_is_Invalid_with_the_field_named()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var error = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "learner", TokenRequest(10)));

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal(
            "TokenRequest.authentication.k8s.io \"learner\" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes",
            error.Message);
    }

    [Fact]
    public void A_body_that_is_not_a_TokenRequest_is_a_BadRequest()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var wrongKind = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "learner", new JsonObject { ["kind"] = "Pod" }));
        var wrongSeconds = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "learner",
            new JsonObject { ["spec"] = new JsonObject { ["expirationSeconds"] = "soon" } }));

        Assert.Equal(400, wrongKind.Code);
        Assert.Equal(400, wrongSeconds.Code);
        Assert.Contains("spec.expirationSeconds", wrongSeconds.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_for_another_audience_does_not_authenticate_to_the_API_server()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var request = TokenRequest();
        request["spec"]!["audiences"] = new JsonArray("vault");

        var response = tokens.CreateTokenRequest("ns1", "learner", request);

        Assert.Equal("vault", (string?)response["spec"]!["audiences"]![0]);
        Assert.Null(tokens.Validate(TokenOf(response)));
    }

    [Fact]
    public void A_token_bound_to_a_pod_dies_with_the_pod()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var pod = cluster.Store.Create(new Labs.Cluster.Storage.GroupResource("", "pods"), "ns1", AccessTestCluster.Obj("v1", "Pod", "toolbox"));
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var request = TokenRequest();
        request["spec"]!["boundObjectRef"] = new JsonObject { ["kind"] = "Pod", ["apiVersion"] = "v1", ["name"] = "toolbox" };

        var response = tokens.CreateTokenRequest("ns1", "learner", request);

        Assert.Equal((string?)pod["metadata"]!["uid"], (string?)response["spec"]!["boundObjectRef"]!["uid"]);
        Assert.NotNull(tokens.Validate(TokenOf(response)));
        cluster.Store.Delete(new Labs.Cluster.Storage.GroupResource("", "pods"), "ns1", "toolbox");
        Assert.Null(tokens.Validate(TokenOf(response)));
    }

    [Fact]
    public void Binding_a_token_to_a_missing_pod_or_an_unsupported_kind_is_refused()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var missing = TokenRequest();
        missing["spec"]!["boundObjectRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = "ghost" };
        var unsupported = TokenRequest();
        unsupported["spec"]!["boundObjectRef"] = new JsonObject { ["kind"] = "ConfigMap", ["name"] = "x" };

        var notFound = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "learner", missing));
        var badRequest = Assert.Throws<ApiException>(() => tokens.CreateTokenRequest("ns1", "learner", unsupported));

        Assert.Equal(404, notFound.Code);
        Assert.Equal("pods \"ghost\" not found", notFound.Message);
        Assert.Equal(400, badRequest.Code);
        Assert.Contains("ConfigMap", badRequest.Message, StringComparison.Ordinal);
    }
}
