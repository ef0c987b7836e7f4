namespace Labs.Cluster.Api.Apply;

/// <summary>
/// A value whose shape no schema gives: objects are maps of untyped values and arrays are atomic, as
/// structured-merge-diff deduces. (Every built-in kind is in the type model, so only unmodelled parts get this.)
/// </summary>
internal sealed class UntypedApplyType : ApplyType
{
    /// <inheritdoc />
    public override ApplyShape Shape => ApplyShape.Map;

    /// <inheritdoc />
    public override ApplyType Element => this;
}
