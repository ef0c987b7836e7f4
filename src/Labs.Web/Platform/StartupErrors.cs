using Labs.Content;
using Labs.Hosting;
using Microsoft.Extensions.Options;

namespace Labs.Web.Platform;

/// <summary>Start-up failures that the person running the platform can fix: bad labs, settings or kubeconfig.</summary>
public static class StartupErrors
{
    /// <summary>Exit code when the platform cannot start because of its input.</summary>
    public const int ExitCode = 2;

    /// <summary>Whether the failure is about input (labs, configuration) rather than a bug.</summary>
    public static bool IsUserFixable(Exception exception) =>
        exception is LabFormatException or OptionsValidationException or ClusterConnectionException or Cluster.ClusterSetupException or Data.DataSetupException;

    /// <summary>The message to print.</summary>
    public static string Describe(Exception exception) =>
        exception is OptionsValidationException validation
            ? string.Join(Environment.NewLine + "error: ", validation.Failures)
            : exception.Message;
}
