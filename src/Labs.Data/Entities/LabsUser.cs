using Microsoft.AspNetCore.Identity;

namespace Labs.Data.Entities;

/// <summary>
/// An account (ASP.NET Core Identity). Its <see cref="IdentityUser{TKey}.Id"/> is the learner id it signs in as: an
/// anonymous learner who signs up keeps their id, so everything they did is already the account's.
/// </summary>
public sealed class LabsUser : IdentityUser
{
    /// <summary>When the account was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
