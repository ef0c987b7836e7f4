using Labs.Terminal;
using Microsoft.AspNetCore.Authentication;

namespace Labs.Web.Security;

/// <summary>
/// Signs every visitor without a (valid) learner cookie in as a new anonymous learner, on the request itself, so the
/// page or API call that makes the first visit already has an owner for what it starts. The terminal hub is the
/// exception: it requires the identity the lab page gave, so a connection cannot bring a fresh one of its own.
/// </summary>
internal sealed class LearnerIdentityMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (LearnerIdentity.LearnerIdOf(context.User) is null
            && !context.Request.Path.StartsWithSegments(TerminalEndpointRouteBuilderExtensions.HubPath, StringComparison.OrdinalIgnoreCase))
        {
            var learner = LearnerIdentity.CreateAnonymous(LearnerIdentity.NewLearnerId());
            await context.SignInAsync(LearnerIdentity.Scheme, learner, new AuthenticationProperties { IsPersistent = true });
            context.User = learner;
        }

        await next(context);
    }
}
