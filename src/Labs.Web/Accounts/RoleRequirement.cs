using Labs.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Labs.Web.Accounts;

/// <summary>The caller's account holds one of <see cref="Roles"/>, as the <see cref="RoleDirectory"/> has it now.</summary>
internal sealed class RoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Checks <see cref="RoleRequirement"/> against the database's roles (not the cookie's, which may be older).</summary>
internal sealed class RoleRequirementHandler(RoleDirectory directory) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (!LearnerIdentity.IsAnonymous(context.User) && requirement.Roles.Any(role => directory.IsIn(LearnerIdentity.LearnerIdOf(context.User), role)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
