using System.ComponentModel.DataAnnotations;

namespace Labs.Web.Security;

/// <summary>The learner cookie. Bound from the configuration section <c>Identity</c>.</summary>
public sealed class LearnerIdentityOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Identity";

    /// <summary>
    /// How long the learner cookie lives without a visit (each visit renews it). An anonymous learner who stays away
    /// longer comes back as a new learner. Default 180 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "3650.00:00:00")]
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromDays(180);
}
