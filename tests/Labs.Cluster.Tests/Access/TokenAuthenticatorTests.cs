using System.Text.Json.Nodes;
using Labs.Cluster.Access;

namespace Labs.Cluster.Tests.Access;

public sealed class TokenAuthenticatorTests
{
    [Fact]
    public void The_admin_token_is_kept_in_the_data_directory_and_reused()
    {
        using var cluster = new AccessTestCluster();
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var first = new TokenAuthenticator(cluster.DataDirectory, tokens).AdminToken;
        var second = new TokenAuthenticator(cluster.DataDirectory, tokens).AdminToken;

        Assert.Equal(first, second);
        Assert.True(first.Length >= 32);
        var path = Path.Combine(cluster.DataDirectory, TokenAuthenticator.AdminTokenFileName);
        Assert.Equal(first, File.ReadAllText(path).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void The_admin_token_authenticates_as_labs_admin_in_system_masters()
    {
        using var cluster = new AccessTestCluster();
        var authenticator = new TokenAuthenticator(cluster.DataDirectory, new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock));

        var user = authenticator.Authenticate("Bearer " + authenticator.AdminToken);

        Assert.NotNull(user);
        Assert.Equal("labs-admin", user.Name);
        Assert.Contains("system:masters", user.Groups);
        Assert.Contains("system:authenticated", user.Groups);
    }

    [Fact]
    public void A_service_account_token_authenticates_through_the_header()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        var tokens = new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock);
        var authenticator = new TokenAuthenticator(cluster.DataDirectory, tokens);
        var token = (string)tokens.CreateTokenRequest("ns1", "learner", new JsonObject())["status"]!["token"]!;

        Assert.Equal("system:serviceaccount:ns1:learner", authenticator.Authenticate("bearer " + token)?.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer wrong-token-of-some-length")]
    [InlineData("Basic bGFiczpsYWJz")]
    [InlineData("Bearer a.b.c")]
    public void Missing_or_unknown_credentials_are_unauthenticated(string? header)
    {
        using var cluster = new AccessTestCluster();
        var authenticator = new TokenAuthenticator(cluster.DataDirectory, new ServiceAccountTokens(cluster.DataDirectory, cluster.Store, cluster.Clock));

        Assert.Null(authenticator.Authenticate(header));
    }

    [Fact]
    public void The_unauthorized_error_is_the_status_kubectl_expects()
    {
        var error = AccessErrors.Unauthorized();

        Assert.Equal(401, error.Code);
        Assert.Equal("Unauthorized", error.Reason);
        Assert.Equal("Unauthorized", error.Message);
    }
}
