using k8s;

namespace Labs.Conformance.Tests.Client;

/// <summary>
/// What KubernetesClient does with one kind the embedded cluster serves: typed create, get, list, watch, patch and
/// delete, each answer compared with the raw JSON the server sent (<see cref="Lossless"/>).
/// </summary>
public abstract class KindContract
{
    /// <summary>The kind, e.g. <c>Deployment</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The kind's apiVersion, e.g. <c>apps/v1</c>.</summary>
    public abstract string ApiVersion { get; }

    /// <summary>Runs every verb on a new object of the kind in <paramref name="ns"/> (ignored for cluster-scoped kinds).</summary>
    public abstract Task RunAsync(IKubernetes kube, RecordingHandler recorder, string ns, CancellationToken cancellationToken);

    public override string ToString() => $"{ApiVersion}/{Kind}";
}
