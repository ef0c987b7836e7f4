namespace Labs.Data.Accounts;

/// <summary>The platform's roles. Every account is a learner; an admin grants instructor (and admin).</summary>
public static class LabsRoles
{
    /// <summary>Works through labs; every account has it.</summary>
    public const string Learner = "learner";

    /// <summary>Sees every learner's sessions, recordings and progress, and each lab's completion.</summary>
    public const string Instructor = "instructor";

    /// <summary>Grants and takes back roles; sees what instructors see.</summary>
    public const string Admin = "admin";

    /// <summary>All roles, in rising order of power.</summary>
    public static IReadOnlyList<string> All { get; } = [Learner, Instructor, Admin];

    /// <summary>Roles that see everyone's sessions and results.</summary>
    public static IReadOnlyList<string> Overseers { get; } = [Instructor, Admin];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (exact, lower-case).</summary>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
