using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Labs.Web.Security;

/// <summary>
/// The rate limits of session starts as one global limiter of ASP.NET Core rate limiting: per learner, then for
/// everyone, then how many provision at once. Per learner comes first, so one learner hammering past their own limit
/// does not use up everyone else's starts. Other requests are not limited.
/// </summary>
internal static class SessionStartRateLimiter
{
    /// <summary>Retry-After for a start refused because the queue is full (no window says when a place frees up).</summary>
    private static readonly TimeSpan s_busyRetryAfter = TimeSpan.FromSeconds(10);

    public static void Configure(RateLimiterOptions options, SessionStartLimitsOptions limits)
    {
        var perLearner = PartitionedRateLimiter.Create<HttpContext, (bool, string)>(context =>
            SessionStartEndpoint.Matches(context)
                ? RateLimitPartition.GetFixedWindowLimiter((true, LearnerIdentity.LearnerIdOf(context.User) ?? string.Empty), _ => Window(limits.PerLearner, limits.PerLearnerWindow))
                : RateLimitPartition.GetNoLimiter((false, string.Empty)));
        var overall = PartitionedRateLimiter.Create<HttpContext, bool>(context =>
            SessionStartEndpoint.Matches(context)
                ? RateLimitPartition.GetFixedWindowLimiter(true, _ => Window(limits.Overall, limits.OverallWindow))
                : RateLimitPartition.GetNoLimiter(false));
        var concurrent = PartitionedRateLimiter.Create<HttpContext, bool>(context =>
            SessionStartEndpoint.Matches(context)
                ? RateLimitPartition.GetConcurrencyLimiter(true, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.Concurrent,
                    QueueLimit = limits.Queue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(false));

        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(perLearner, overall, concurrent);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) => RejectAsync(context, limits);
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, SessionStartLimitsOptions limits)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : s_busyRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many lab starts",
            $"Too many labs are being started: each learner may start {limits.PerLearner} per {Describe(limits.PerLearnerWindow)} "
            + $"and everyone together {limits.Overall} per {Describe(limits.OverallWindow)}. Try again in {seconds} second{(seconds == 1 ? "" : "s")}.");
    }

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0
            ? (window.TotalMinutes == 1 ? "minute" : $"{window.TotalMinutes:0} minutes")
            : (window.TotalSeconds == 1 ? "second" : $"{window.TotalSeconds:0} seconds");
}
