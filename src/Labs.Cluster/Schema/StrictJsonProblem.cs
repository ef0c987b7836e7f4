namespace Labs.Cluster.Schema;

/// <summary>Why <see cref="StrictJson"/> refused a document.</summary>
public enum StrictJsonProblem
{
    /// <summary>Not JSON, or nested deeper than <see cref="StrictJson.MaxDepth"/>.</summary>
    Syntax,

    /// <summary>A field appears twice in one object (Kubernetes' strict decoder refuses this).</summary>
    DuplicateField,

    /// <summary>A string or field name holds invalid UTF-8, or a <c>\u</c> escape of a lone UTF-16 surrogate.</summary>
    InvalidText,
}
