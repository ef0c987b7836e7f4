using Microsoft.Extensions.Options;

namespace Labs.Hosting;

/// <summary>Refuses <c>Cluster</c> settings that contradict each other, naming the settings.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.InCluster && !string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            failures.Add("Cluster:InCluster and Cluster:Kubeconfig both choose a cluster; set one of them.");
        }

        if (!string.IsNullOrWhiteSpace(options.Context) && string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            failures.Add($"Cluster:Context '{options.Context}' needs Cluster:Kubeconfig: a context is chosen from a kubeconfig.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Cluster:RequestTimeout must be positive, not {options.RequestTimeout}.");
        }

        if (options.EmbeddedPort is < 0 or > 65535)
        {
            failures.Add($"Cluster:EmbeddedPort must be a port (0 for any free one), not {options.EmbeddedPort}.");
        }

        if (options.EmbeddedNodes is < 1 or > 100)
        {
            failures.Add($"Cluster:EmbeddedNodes must be between 1 and 100, not {options.EmbeddedNodes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
