using System.Security.Claims;
using Labs.Data.Accounts;
using Labs.Data.Entities;
using Labs.Web.Api;
using Labs.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Labs.Web.Accounts;

/// <summary>
/// The accounts' JSON API: <c>/api/account</c> (who am I, sign up, sign in, sign out) and, for admins,
/// <c>/api/admin/users</c> (accounts and their roles). Under <c>/api</c>, so cross-site writes are refused by origin.
/// </summary>
internal static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/api/account").WithTags("Accounts").RequireAuthorization();
        account.MapGet("", (ClaimsPrincipal user, RoleDirectory roles) => TypedResults.Ok(Describe(user, roles)));
        account.MapPost("/signup", (HttpContext context, AccountCredentials body, AccountSignIn signIn, RoleDirectory roles, CancellationToken ct) =>
            AnswerAsync(context, roles, signIn.SignUpAsync(context, body.Email, body.Password, ct), StatusCodes.Status400BadRequest));
        account.MapPost("/signin", (HttpContext context, AccountCredentials body, AccountSignIn signIn, RoleDirectory roles, CancellationToken ct) =>
            AnswerAsync(context, roles, signIn.PasswordSignInAsync(context, body.Email, body.Password, ct), StatusCodes.Status401Unauthorized));
        account.MapPost("/signout", async (HttpContext context) =>
        {
            await AccountSignIn.SignOutAsync(context);
            return TypedResults.NoContent();
        });

        var admin = endpoints.MapGroup("/api/admin/users").WithTags("Accounts").RequireAuthorization(AccountSchemes.AdminPolicy);
        admin.MapGet("", ListUsersAsync);
        admin.MapPut("/{userId}/roles/{role}", (string userId, string role, UserManager<LabsUser> users, RoleDirectory directory, CancellationToken ct) =>
            ChangeRoleAsync(userId, role, grant: true, users, directory, ct));
        admin.MapDelete("/{userId}/roles/{role}", (string userId, string role, UserManager<LabsUser> users, RoleDirectory directory, CancellationToken ct) =>
            ChangeRoleAsync(userId, role, grant: false, users, directory, ct));
        return endpoints;
    }

    private static AccountResponse Describe(ClaimsPrincipal user, RoleDirectory roles)
    {
        var id = LearnerIdentity.LearnerIdOf(user)!;
        return LearnerIdentity.IsAnonymous(user)
            ? new AccountResponse(id, true, null, [])
            : new AccountResponse(id, false, user.FindFirstValue(ClaimTypes.Email), [LabsRoles.Learner, .. roles.RolesOf(id)]);
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> AnswerAsync(HttpContext context, RoleDirectory roles, Task<SignInOutcome> signIn, int failure)
    {
        var outcome = await signIn;
        return outcome.Succeeded
            ? TypedResults.Ok(Describe(context.User, roles))
            : TypedResults.Problem(
                title: outcome.LockedOut ? "Account locked" : "Not signed in",
                detail: outcome.Error,
                statusCode: outcome.LockedOut ? StatusCodes.Status423Locked : failure);
    }

    private static async Task<Ok<UserResponse[]>> ListUsersAsync(UserManager<LabsUser> users, RoleDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(all.Select(u => new UserResponse(u.Id, u.Email, [LabsRoles.Learner, .. directory.RolesOf(u.Id)], u.LockoutEnd > now)).ToArray());
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, BadRequest<ProblemDetails>>> ChangeRoleAsync(
        string userId, string role, bool grant, UserManager<LabsUser> users, RoleDirectory directory, CancellationToken cancellationToken)
    {
        if (!LabsRoles.IsKnown(role) || role == LabsRoles.Learner)
        {
            return TypedResults.BadRequest(ApiProblems.Problem(400, "Unknown role", $"'{role}' is not a role that can be granted: use {LabsRoles.Instructor} or {LabsRoles.Admin}."));
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return TypedResults.NotFound(ApiProblems.Problem(404, "Account not found", $"There is no account '{userId}'."));
        }

        var held = await users.IsInRoleAsync(user, role);
        var result = grant && !held ? await users.AddToRoleAsync(user, role)
            : !grant && held ? await users.RemoveFromRoleAsync(user, role)
            : IdentityResult.Success;
        if (!result.Succeeded)
        {
            return TypedResults.BadRequest(ApiProblems.Problem(400, "Role not changed", string.Join(" ", result.Errors.Select(e => e.Description))));
        }

        await directory.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
