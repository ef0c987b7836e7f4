namespace Labs.Web.Accounts;

/// <summary>The JSON body of <c>POST /api/account/signin</c> and <c>/signup</c>.</summary>
/// <param name="Email">The account's email.</param>
/// <param name="Password">Its password.</param>
public sealed record AccountCredentials(string? Email, string? Password);
