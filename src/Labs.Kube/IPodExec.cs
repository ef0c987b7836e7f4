namespace Labs.Kube;

/// <summary>Runs commands in pods (<c>pods/exec</c>).</summary>
public interface IPodExec
{
    /// <summary>Starts <paramref name="request"/>'s command and returns the running stream.</summary>
    /// <exception cref="k8s.KubernetesException">The server refused the exec; the message says why when it can be found out.</exception>
    Task<IExecSession> StartAsync(ExecRequest request, CancellationToken cancellationToken = default);
}
