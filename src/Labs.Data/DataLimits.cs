namespace Labs.Data;

/// <summary>Column lengths: the same on SQLite (which ignores them) and PostgreSQL (which enforces them).</summary>
internal static class DataLimits
{
    /// <summary>Learner and session ids (24 and 16 characters today).</summary>
    public const int IdLength = 64;

    /// <summary>Kubernetes names and lab, task and question ids (DNS-1123: at most 253).</summary>
    public const int NameLength = 253;

    /// <summary>Descriptions, messages and answers.</summary>
    public const int TextLength = 4000;
}
