using System.Collections.Concurrent;
using Labs.Cluster.Registry;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// The <see cref="ApplyType"/> of each kind: built-in kinds from the type model (<see cref="TypeModel"/>: structs,
/// maps, lists with their merge keys), custom resources from their CRD's schema (<c>x-kubernetes-list-type</c>,
/// <c>x-kubernetes-list-map-keys</c>, <c>x-kubernetes-map-type</c>). What the type model does not record, the Go
/// markers of Kubernetes' types say (<see cref="ModelApplyType"/>).
/// </summary>
internal static class ApplyTypes
{
    private static readonly ConcurrentDictionary<string, ApplyType> BuiltinKinds = new(StringComparer.Ordinal);

    /// <summary>A value of unknown shape: objects are maps, arrays atomic (structured-merge-diff's deduced type).</summary>
    public static ApplyType Untyped { get; } = new UntypedApplyType();

    /// <summary>A leaf.</summary>
    public static ApplyType Scalar { get; } = new ScalarApplyType();

    /// <summary>The type of the objects of <paramref name="strategy"/>'s kind.</summary>
    public static ApplyType For(ResourceStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.Schema is { } schema)
        {
            return SchemaApplyType.ForResource(schema.Root);
        }

        var definition = strategy.Definition;
        return BuiltinKinds.GetOrAdd($"{definition.ApiVersion}/{definition.Kind}", _ =>
            TypeModel.Default.FindKind(definition.ApiVersion, definition.Kind) is { } type
                ? ModelApplyType.Of(type)
                : Untyped);
    }

    /// <summary>The type of <c>metadata</c>, ObjectMeta, for every kind.</summary>
    public static ApplyType ObjectMeta =>
        ModelApplyType.Of(TypeModel.Default.Find("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
            ?? throw new InvalidOperationException("The type model has no ObjectMeta."));

    private sealed class ScalarApplyType : ApplyType
    {
        public override ApplyShape Shape => ApplyShape.Scalar;
    }
}
