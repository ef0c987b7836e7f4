using Microsoft.Extensions.Options;

namespace Labs.Web.Accounts;

/// <summary>Refuses account settings that cannot work, naming the setting.</summary>
internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.AdminEmail) && string.IsNullOrEmpty(options.AdminPassword))
        {
            problems.Add("Accounts:AdminEmail is set but Accounts:AdminPassword is empty: give the first admin's password (e.g. Accounts__AdminPassword=...).");
        }

        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            if (!oidc.Authority!.IsAbsoluteUri || (oidc.Authority.Scheme != Uri.UriSchemeHttps && oidc.Authority.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"Accounts:Oidc:Authority '{oidc.Authority}' is not an absolute http(s) URL.");
            }
            else if (oidc.RequireHttpsMetadata && oidc.Authority.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"Accounts:Oidc:Authority '{oidc.Authority}' is not https: use the provider's https URL (Accounts:Oidc:RequireHttpsMetadata=false only for a provider on this machine).");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                problems.Add("Accounts:Oidc:Authority is set but Accounts:Oidc:ClientId is empty: give the client id the provider registered for Labs.");
            }

            if (!oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
            {
                problems.Add($"Accounts:Oidc:Scopes '{oidc.Scopes}' lacks 'openid', without which a provider sends no identity.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
