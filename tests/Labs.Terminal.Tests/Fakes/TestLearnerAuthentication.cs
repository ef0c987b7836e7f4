using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests.Fakes;

/// <summary>
/// Authenticates the learner named by the <see cref="Header"/> request header (its value becomes the NameIdentifier
/// claim, as the platform's learner cookie does); a request without it is anonymous and challenged with 401.
/// </summary>
public sealed class TestLearnerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestLearner";

    public const string Header = "X-Test-Learner";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var learner = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(learner))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, learner)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
