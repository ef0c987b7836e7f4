using Labs.Web.Accounts;

namespace Labs.Web.Tests;

/// <summary>Account settings that cannot work stop the start with a message naming the setting.</summary>
public sealed class AccountsOptionsValidatorTests
{
    private static IEnumerable<string> Problems(AccountsOptions options) =>
        new AccountsOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void No_accounts_settings_at_all_are_fine()
    {
        Assert.Empty(Problems(new AccountsOptions()));
    }

    [Fact]
    public void A_first_admin_without_a_password_is_refused()
    {
        var problem = Assert.Single(Problems(new AccountsOptions { AdminEmail = "root@example.org" }));
        Assert.Contains("Accounts:AdminPassword", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oidc_provider_needs_https_a_client_id_and_the_openid_scope()
    {
        var problems = Problems(new AccountsOptions { Oidc = new OidcOptions { Authority = new Uri("http://idp.example.org"), Scopes = "profile email" } }).ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("is not https", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Accounts:Oidc:ClientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("lacks 'openid'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_on_this_machine_may_use_http_when_told_so()
    {
        Assert.Empty(Problems(new AccountsOptions
        {
            Oidc = new OidcOptions { Authority = new Uri("http://127.0.0.1:5555"), ClientId = "labs", RequireHttpsMetadata = false },
        }));
    }

    [Theory]
    [InlineData("/labs/pods-101", "/labs/pods-101")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/account")]
    [InlineData("/\\evil.example/", "/account")]
    [InlineData("https://evil.example/", "/account")]
    [InlineData(null, "/account")]
    public void After_sign_in_the_browser_only_goes_to_a_page_of_the_platform(string? returnUrl, string expected)
    {
        Assert.Equal(expected, AccountPageEndpoints.LocalOrHome(returnUrl, "/account"));
    }
}
