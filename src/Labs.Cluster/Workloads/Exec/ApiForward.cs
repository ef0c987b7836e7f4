namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// The API server as a sandbox reaches it: its Unix socket on the host, forwarded to <c>127.0.0.1:Port</c> inside the
/// sandbox's own network namespace (the same port as on the host, so the kubeconfig's address works unchanged).
/// </summary>
/// <param name="Socket">Path of the API server's Unix socket on the host.</param>
/// <param name="Port">Port to listen on inside the sandbox.</param>
internal sealed record ApiForward(string Socket, int Port);
