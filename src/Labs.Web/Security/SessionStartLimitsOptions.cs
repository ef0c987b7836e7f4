using System.ComponentModel.DataAnnotations;

namespace Labs.Web.Security;

/// <summary>
/// How fast labs may be started, per learner and for the whole platform; starts beyond these get 429 with
/// Retry-After. Bound from the configuration section <c>SessionStartLimits</c>. (How many sessions one learner may
/// have running at once is <c>Sessions:MaxLiveSessionsPerLearner</c>; shells per session <c>Terminal:MaxShellsPerSession</c>.)
/// </summary>
public sealed class SessionStartLimitsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SessionStartLimits";

    /// <summary>Starts one learner may make per <see cref="PerLearnerWindow"/>. Default 10.</summary>
    [Range(1, 100_000)]
    public int PerLearner { get; set; } = 10;

    /// <summary>The window of <see cref="PerLearner"/>. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PerLearnerWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts all learners together may make per <see cref="OverallWindow"/>: the cap that holds even against clients
    /// that drop their cookie to get a new identity. Default 60 (a class of 30 starting at once fits twice).
    /// </summary>
    [Range(1, 1_000_000)]
    public int Overall { get; set; } = 60;

    /// <summary>The window of <see cref="Overall"/>. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OverallWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Starts provisioned at the same time; more wait in a queue, oldest first. Default 4.</summary>
    [Range(1, 1000)]
    public int Concurrent { get; set; } = 4;

    /// <summary>Starts that may wait for one of the <see cref="Concurrent"/> places; one more gets 429. Default 32.</summary>
    [Range(0, 10_000)]
    public int Queue { get; set; } = 32;
}
