namespace Labs.Web.Api;

/// <summary>The caller's learner identity as the API returns it.</summary>
/// <param name="LearnerId">Their learner id (the owner of their sessions).</param>
/// <param name="Anonymous">True while they have no account.</param>
public sealed record LearnerResponse(string LearnerId, bool Anonymous);
