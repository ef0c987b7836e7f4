namespace Labs.Data.Entities;

/// <summary>A learner: anonymous (the learner cookie) until they sign up, then linked to an account.</summary>
public sealed class Learner
{
    /// <summary>The platform's learner id (the cookie's, kept when the learner signs up).</summary>
    public required string Id { get; set; }

    /// <summary>When the learner was first seen.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the learner last started or checked something.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>A name to show instructors; null while anonymous.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The learner's sessions.</summary>
    public List<SessionRecord> Sessions { get; } = [];
}
