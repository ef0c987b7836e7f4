using Labs.Cli.Testing;
using Labs.Content;
using Labs.Content.Checks;
using Labs.Kube;

namespace Labs.Cli.Commands;

/// <summary>
/// For <c>labs validate --kinds</c>: every kind a lab names (in its checks, setup and solution manifests) must be served
/// by the cluster, found through discovery as the grader and the sessions find it.
/// </summary>
internal static class KindReport
{
    public static async Task<List<string>> UnknownKindsAsync(CliPlatform platform, IEnumerable<Lab> labs, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var lab in labs)
        {
            foreach (var (apiVersion, kind, source) in KindsOf(lab))
            {
                try
                {
                    await platform.Objects.Kinds.ResolveAsync(apiVersion, kind, cancellationToken);
                }
                catch (UnknownKindException ex)
                {
                    problems.Add($"{source}:1: {ex.Message}");
                }
                catch (ArgumentException ex)
                {
                    problems.Add($"{source}:1: {ex.Message}");
                }
            }
        }
        return problems;
    }

    /// <summary>Every apiVersion and kind the lab names, with where (file:line), in file order.</summary>
    private static IEnumerable<(string ApiVersion, string Kind, string Source)> KindsOf(Lab lab)
    {
        foreach (var check in lab.Tasks.SelectMany(t => t.Checks))
        {
            var named = check switch
            {
                ResourceCheck r => r.Target,
                JsonPathCheck p => p.Target,
                ConditionCheck c => c.Target,
                CountCheck c => new ObjectRef(c.ApiVersion, c.Kind, "-"),
                _ => null,
            };
            if (named is not null)
                yield return (named.ApiVersion, named.Kind, check.Source);
        }
        // A manifest object's Source is the FILE:LINE of its YAML document.
        foreach (var obj in lab.SetupObjects.Concat(lab.SolutionObjects))
            yield return ((string)obj.Manifest["apiVersion"]!, (string)obj.Manifest["kind"]!, obj.Source);
    }
}
