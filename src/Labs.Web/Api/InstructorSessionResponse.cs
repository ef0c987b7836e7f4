namespace Labs.Web.Api;

/// <summary>A running session with its owner, as instructors see it.</summary>
/// <param name="LearnerId">Whose it is.</param>
/// <param name="Session">The session.</param>
public sealed record InstructorSessionResponse(string LearnerId, SessionResponse Session);
