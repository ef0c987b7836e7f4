namespace Labs.Content;

/// <summary>How hard a lab is (front matter <c>difficulty:</c>).</summary>
public enum LabDifficulty
{
    /// <summary><c>beginner</c>: no Kubernetes experience assumed.</summary>
    Beginner,
    /// <summary><c>intermediate</c>: comfortable with kubectl and the core objects.</summary>
    Intermediate,
    /// <summary><c>advanced</c>: exam-level or operator-level material.</summary>
    Advanced,
}
