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
        FakeKubernetesApi api, SessionRegistry registry, LabSessionOptions options, FakePodExec? exec = null, TestDatabase? database = null, TimeProvider? time = null) =>
        new(api.Client, api.Generic, exec ?? new FakePodExec(), Endpoint, registry, (database ?? TestDatabase.Shared).Factory, Options.Create(options),
            NullLogger<SessionManager>.Instance, time ?? TimeProvider.System);
}
