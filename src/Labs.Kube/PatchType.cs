namespace Labs.Kube;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
    Merge,
    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,
    /// <summary>Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>).</summary>
    StrategicMerge,
}
