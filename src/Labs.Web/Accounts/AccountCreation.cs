using Labs.Data.Entities;

namespace Labs.Web.Accounts;

/// <summary>An account that was made, or why not (each reason a sentence for the person signing up).</summary>
internal sealed record AccountCreation(LabsUser? User, IReadOnlyList<string> Errors);
