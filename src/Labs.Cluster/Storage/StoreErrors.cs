using Labs.Cluster.Api;

namespace Labs.Cluster.Storage;

/// <summary>Failures of the store itself (not of a request), answered as kube-apiserver answers a failing etcd.</summary>
internal static class StoreErrors
{
    /// <summary>500 InternalError: the store cannot make writes durable; reads still answer.</summary>
    public static ApiException Unwritable(string reason) =>
        new(500, "InternalError", $"Internal error occurred: the cluster's store cannot be written: {reason}");
}
