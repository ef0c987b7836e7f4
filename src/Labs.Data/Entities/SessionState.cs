namespace Labs.Data.Entities;

/// <summary>Where a session is in its life. Stored as text, so the names are part of the schema.</summary>
public enum SessionState
{
    /// <summary>Being provisioned; a start-up that finds one left from a crash removes what it made.</summary>
    Starting = 0,

    /// <summary>Running: its namespace and toolbox exist and the learner may use them.</summary>
    Live = 1,

    /// <summary>The learner finished or ended it; its namespace was deleted.</summary>
    Finished = 2,

    /// <summary>It ran past its expiry and was reaped.</summary>
    Expired = 3,

    /// <summary>It could not be started, or its namespace was found gone.</summary>
    Failed = 4,
}
