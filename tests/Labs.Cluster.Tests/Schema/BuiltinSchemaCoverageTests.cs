using Labs.Cluster.Registry;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

/// <summary>
/// Every built-in kind is described field by field, so <c>kubectl explain</c>, apply's patch calculation and
/// server-side validation work for it as on a real cluster.
/// </summary>
public sealed class BuiltinSchemaCoverageTests
{
    [Fact]
    public void Every_built_in_kind_has_a_modelled_schema()
    {
        string[] open =
        [
            .. ResourceRegistry.Builtin.All
                .Select(e => e.Definition)
                .Where(d => TypeModel.Default.FindKind(d.ApiVersion, d.Kind) is null)
                .Select(d => $"{d.ApiVersion}/{d.Kind}"),
        ];

        Assert.True(open.Length == 0, "Open schemas: " + string.Join(", ", open));
    }
}
