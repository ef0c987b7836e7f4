using Labs.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Labs.Web.Accounts;

/// <summary>Refuses a password that contains the account's email or the part of it before the @ (the first guess of anyone).</summary>
internal sealed class PasswordNotEmailValidator : IPasswordValidator<LabsUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<LabsUser> manager, LabsUser user, string? password)
    {
        var email = user.Email ?? user.UserName ?? string.Empty;
        var local = email.Split('@')[0];
        var contains = password is not null && local.Length >= 3 && password.Contains(local, StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(contains
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsEmail", Description = "Passwords must not contain your email or its name part." })
            : IdentityResult.Success);
    }
}
