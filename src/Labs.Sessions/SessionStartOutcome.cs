namespace Labs.Sessions;

/// <summary>What a start gave the learner.</summary>
/// <param name="Session">Their live session of the lab.</param>
/// <param name="Resumed">True when it was already running (or starting, from another tab) and is resumed, not new.</param>
public sealed record SessionStartOutcome(LabSession Session, bool Resumed);
