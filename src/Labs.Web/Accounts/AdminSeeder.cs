using Labs.Data;
using Labs.Data.Accounts;
using Labs.Data.Entities;
using Labs.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Labs.Web.Accounts;

/// <summary>
/// The first admin (<c>Accounts:AdminEmail</c>, <c>Accounts:AdminPassword</c>): made at start-up when missing, and given
/// the admin role in any case. Runs after the migration and before the role directory is read.
/// </summary>
internal sealed partial class AdminSeeder(IServiceScopeFactory scopes, IOptions<AccountsOptions> options, ILogger<AdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var accounts = options.Value;
        if (string.IsNullOrWhiteSpace(accounts.AdminEmail))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LabsUser>>();
        var user = await users.FindByEmailAsync(accounts.AdminEmail);
        if (user is null)
        {
            var signIn = scope.ServiceProvider.GetRequiredService<AccountSignIn>();
            var created = await signIn.CreateAsync(LearnerIdentity.NewLearnerId(), accounts.AdminEmail, accounts.AdminPassword, cancellationToken);
            user = created.User ?? throw new DataSetupException(
                $"Accounts:AdminEmail: the first admin's account could not be made: {string.Join(" ", created.Errors)}");
            LogCreated(accounts.AdminEmail);
        }

        if (!await users.IsInRoleAsync(user, LabsRoles.Admin))
        {
            Check(await users.AddToRoleAsync(user, LabsRoles.Admin));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DataSetupException($"Accounts:AdminEmail: the admin role could not be given: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the first admin's account, {Email}")]
    private partial void LogCreated(string email);
}
