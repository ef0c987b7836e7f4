namespace Labs.Sessions;

/// <summary>Why a session ended.</summary>
public enum SessionEndReason
{
    /// <summary>The learner finished or ended it.</summary>
    Finished = 0,

    /// <summary>It ran past its expiry.</summary>
    Expired = 1,
}
