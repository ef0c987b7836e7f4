namespace Labs.Web.Accounts;

/// <summary>Who the caller is, as <c>GET /api/account</c> answers.</summary>
/// <param name="LearnerId">Their learner id (their sessions' owner).</param>
/// <param name="Anonymous">True while they have no account.</param>
/// <param name="Email">The account's email; null while anonymous.</param>
/// <param name="Roles">learner, and instructor or admin when granted; empty while anonymous.</param>
public sealed record AccountResponse(string LearnerId, bool Anonymous, string? Email, IReadOnlyList<string> Roles);
