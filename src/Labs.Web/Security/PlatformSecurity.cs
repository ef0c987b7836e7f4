using Labs.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Labs.Web.Security;

/// <summary>Who the caller is and what they may do: the learner cookie, cross-origin refusal and start limits.</summary>
public static class PlatformSecurity
{
    /// <summary>
    /// Adds the learner cookie scheme (the default scheme; keys persisted in <c>&lt;data directory&gt;/keys</c> so
    /// cookies survive a restart), authorization, and rate limiting of session starts, with their options bound
    /// from <c>Identity</c> and <c>SessionStartLimits</c>.
    /// </summary>
    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services)
    {
        services.AddOptions<LearnerIdentityOptions>().BindConfiguration(LearnerIdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SessionStartLimitsOptions>().BindConfiguration(SessionStartLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddDataProtection().SetApplicationName("Labs");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ClusterOptions>, ILoggerFactory>((keys, cluster, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(KeysDirectory(cluster.Value), loggers));

        services.AddAuthentication(LearnerIdentity.Scheme).AddCookie(LearnerIdentity.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(LearnerIdentity.Scheme).Configure<IOptions<LearnerIdentityOptions>>((cookie, identity) =>
        {
            cookie.Cookie.Name = LearnerIdentity.CookieName;
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: a learner following a link to a lab from elsewhere must arrive as themselves (Strict would
            // drop the cookie on that navigation and hand them a new identity); cross-site POSTs and WebSockets still go without it.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.IsEssential = true;
            cookie.ExpireTimeSpan = identity.Value.CookieLifetime;
            cookie.SlidingExpiration = true;
            // An API and a hub, not a login form: say what is missing instead of redirecting to a login page.
            cookie.Events.OnRedirectToLogin = context => Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                "No learner identity", "This needs the learner cookie that Labs sets when you open one of its pages: open the lab page and try again.");
            cookie.Events.OnRedirectToAccessDenied = context => Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                "Not allowed", "Your learner identity may not do this.");
        });
        services.AddAuthorization();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SessionStartLimitsOptions>>((options, limits) =>
            SessionStartRateLimiter.Configure(options, limits.Value));
        return services;
    }

    /// <summary>
    /// Adds, in order: the cross-origin check (before anything acts on the request), authentication, the anonymous
    /// sign-in of first-time visitors, authorization and the start limits (which need the learner).
    /// </summary>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<LearnerIdentityMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static DirectoryInfo KeysDirectory(ClusterOptions cluster)
    {
        var path = Path.Combine(cluster.ResolvedDataDirectory(), "keys");
        // The keys sign every learner's cookie: only the platform's own user may read them.
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
