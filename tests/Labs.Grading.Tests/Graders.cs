using Labs.Testing;

namespace Labs.Grading.Tests;

/// <summary>Graders over the shared fakes.</summary>
internal static class Graders
{
    public static Grader For(FakeKubernetesApi api, FakePodExec? exec = null, IGraderShell? shell = null) =>
        new(api.Generic, api.Client, exec ?? new FakePodExec(), shell);
}
