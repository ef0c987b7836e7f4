using Labs.Kube;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Sessions.Tests;

/// <summary>Session managers over the shared fake API.</summary>
internal static class Managers
{
    public static readonly KubeEndpoint Endpoint = new(new Uri("https://127.0.0.1:16443"), null);

    public static SessionManager Create(
        FakeKubernetesApi api, SessionRegistry registry, LabSessionOptions options, FakePodExec? exec = null, TestDatabase? database = null, TimeProvider? time = null,
        IEnumerable<ISessionPoolWarmer>? warmers = null)
    {
        exec ??= new FakePodExec();
        // The toolbox takes its kubeconfig at once; the scripted sessions of a test stay for what it scripts.
        exec.Route ??= request => IsKubeconfigWrite(request) ? FakeExecSession.Scripted(string.Empty, 0) : null;
        return new(api.Client, api.Generic, exec, Endpoint, registry, (database ?? TestDatabase.Shared).Factory, Options.Create(options),
            NullLogger<SessionManager>.Instance, time ?? TimeProvider.System, warmers);
    }

    public static bool IsKubeconfigWrite(ExecRequest request) => request.Command.SequenceEqual(ToolboxFiles.WriteKubeconfigCommand);

    /// <summary>The kubeconfigs the manager wrote into toolboxes, oldest first.</summary>
    public static IReadOnlyList<string> Kubeconfigs(FakePodExec exec) =>
        [.. exec.Execs.Where(e => e.StdinText.Contains("kind: Config", StringComparison.Ordinal)).Select(e => e.StdinText)];
}
