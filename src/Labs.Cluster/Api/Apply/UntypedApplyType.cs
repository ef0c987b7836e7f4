namespace Labs.Cluster.Api.Apply;

/// <summary>
/// A value whose shape no schema gives: objects are maps of untyped values and arrays are atomic, as
/// structured-merge-diff deduces. For a built-in kind that the type model does not describe, lists merge by the
/// strategic-merge-patch keys of their field names instead (<see cref="StrategicMergePatch.MergeKeyFor"/>).
/// </summary>
internal sealed class UntypedApplyType(bool mergeKeys) : ApplyType
{
    /// <inheritdoc />
    public override ApplyShape Shape => ApplyShape.Map;

    /// <inheritdoc />
    public override ApplyType Element => this;

    /// <inheritdoc />
    public override ApplyType? Field(string name) =>
        mergeKeys && StrategicMergePatch.MergeKeyFor(name) is { } key ? new KeyedList(this, key) : null;

    private sealed class KeyedList(UntypedApplyType items, string key) : ApplyType
    {
        public override ApplyShape Shape => ApplyShape.List;

        public override ListShape List => ListShape.Map;

        public override IReadOnlyList<string> Keys => [key];

        public override ApplyType Element => items;
    }
}
