namespace Labs.Data.Entities;

/// <summary>A learner's lab session as the database keeps it, so that it outlives a restart of the platform.</summary>
public sealed class SessionRecord
{
    /// <summary>The session id (opaque, unguessable, DNS-label safe).</summary>
    public required string Id { get; set; }

    /// <summary>The learner who owns it.</summary>
    public required string LearnerId { get; set; }

    /// <summary>The lab being worked on.</summary>
    public required string LabId { get; set; }

    /// <summary>The learner's namespace (a new one after each reset).</summary>
    public required string Namespace { get; set; }

    /// <summary>The toolbox pod the terminal execs into.</summary>
    public required string ToolboxPod { get; set; }

    /// <summary>The namespace of the toolbox pod.</summary>
    public required string ToolboxNamespace { get; set; }

    /// <summary>Where the session is in its life.</summary>
    public SessionState State { get; set; }

    /// <summary>How many times it was reset (each reset gets a fresh namespace).</summary>
    public int Resets { get; set; }

    /// <summary>When the learner started it.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it became live (its toolbox ran and the lab's setup was done).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ends unless extended.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it ended (finished, expired or failed).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The learner.</summary>
    public Learner? Learner { get; set; }
}
