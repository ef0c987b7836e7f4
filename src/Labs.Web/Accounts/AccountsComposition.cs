using Labs.Data;
using Labs.Data.Accounts;
using Labs.Data.Entities;
using Labs.Sessions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Labs.Web.Accounts;

/// <summary>
/// Accounts on top of the learner cookie: ASP.NET Core Identity with its EF Core store in the platform's database
/// (password rules, lockout), OpenID Connect when <c>Accounts:Oidc:Authority</c> is set, the instructor and admin
/// policies, the pages and API of <c>/account</c>, and antiforgery on their forms.
/// </summary>
public static class AccountsComposition
{
    /// <summary>Registers accounts; call after the platform's data, sessions and security are added.</summary>
    public static WebApplicationBuilder AddLabsAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>());

        // Identity's store asks for the context by type, one per request.
        services.TryAddScoped<LabsDbContext>(sp => sp.GetRequiredService<LabsDbContextFactory>().CreateDbContext());
        services.AddIdentityCore<LabsUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LabsDbContext>()
            .AddPasswordValidator<PasswordNotEmailValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((identity, accounts) =>
        {
            identity.User.RequireUniqueEmail = true;
            // Length over composition rules (NIST SP 800-63B): a long passphrase is fine, a short mixed one is not.
            identity.Password.RequiredLength = accounts.Value.MinimumPasswordLength;
            identity.Password.RequiredUniqueChars = 4;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        services.AddScoped<AccountSignIn>();
        services.AddScoped<ExternalSignIn>();

        services.AddHostedService<AdminSeeder>();
        services.AddSingleton<RoleDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<RoleDirectory>());
        services.Replace(ServiceDescriptor.Singleton<ISessionOverseers>(sp => sp.GetRequiredService<RoleDirectory>()));
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AccountSchemes.InstructorPolicy, p => p.AddRequirements(new RoleRequirement([.. LabsRoles.Overseers])))
            .AddPolicy(AccountSchemes.AdminPolicy, p => p.AddRequirements(new RoleRequirement(LabsRoles.Admin)));

        services.AddAntiforgery(options => options.Cookie.Name = "labs.antiforgery");
        AddOpenIdConnect(builder);
        return builder;
    }

    /// <summary>
    /// Maps the account pages and API. Their forms check the antiforgery token themselves (no antiforgery middleware
    /// here: adding it would resolve data protection, hence the settings, before start-up can report a bad one).
    /// </summary>
    public static WebApplication UseLabsAccounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAccountPages();
        app.MapAccountApi();
        return app;
    }

    private static void AddOpenIdConnect(WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection(AccountsOptions.SectionName).GetSection(nameof(AccountsOptions.Oidc)).Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.Enabled)
        {
            return;
        }

        builder.Services.AddAuthentication()
            .AddCookie(AccountSchemes.External, cookie =>
            {
                cookie.Cookie.Name = "labs.external";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddOpenIdConnect(AccountSchemes.Oidc, oidc.DisplayName, options =>
            {
                options.SignInScheme = AccountSchemes.External;
                options.Authority = oidc.Authority!.ToString();
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.ResponseType = "code";
                options.UsePkce = true;
                // The code comes back in the query of a top-level GET: SameSite=Lax cookies go along, on http and https
                // alike (form_post needs SameSite=None, hence Secure, cookies).
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CallbackPath = AccountSchemes.CallbackPath;
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }

                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/signin?error=" + Uri.EscapeDataString($"The identity provider's sign-in failed: {context.Failure?.Message}"));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
    }
}
