namespace Labs.Web.Accounts;

/// <summary>An account as the admin API lists it.</summary>
/// <param name="Id">Its learner id.</param>
/// <param name="Email">Its email.</param>
/// <param name="Roles">Its roles.</param>
/// <param name="LockedOut">Whether it is locked after wrong passwords.</param>
public sealed record UserResponse(string Id, string? Email, IReadOnlyList<string> Roles, bool LockedOut);
