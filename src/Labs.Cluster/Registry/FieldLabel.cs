namespace Labs.Cluster.Registry;

/// <summary>
/// One selectable field: the label a selector names, the JSON path it reads (an alias such as <c>spec.host</c> reads
/// <c>spec.nodeName</c>), and the text an absent field reads as (its Go zero value: <c>false</c>, <c>0</c> or empty).
/// </summary>
/// <param name="Label">The field label, e.g. <c>status.phase</c>.</param>
/// <param name="Path">The dotted JSON path read.</param>
/// <param name="Zero">The value of an absent field.</param>
internal sealed record FieldLabel(string Label, string Path, string Zero)
{
    /// <summary>A string field read at its own path; absent reads as empty.</summary>
    public static FieldLabel Plain(string label) => new(label, label, string.Empty);

    /// <summary>A boolean field; absent reads as <c>false</c>.</summary>
    public static FieldLabel Bool(string label) => new(label, label, "false");

    /// <summary>A number field; absent reads as <c>0</c>.</summary>
    public static FieldLabel Number(string label, string? path = null) => new(label, path ?? label, "0");

    /// <summary>Lets a string-shaped label be written where a <see cref="FieldLabel"/> is expected.</summary>
    public static implicit operator FieldLabel(string label) => Plain(label);
}
