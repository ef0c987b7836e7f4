namespace Labs.Kube;

/// <summary>
/// A kubeconfig or in-cluster configuration could not be used: a file is missing, the YAML is invalid, or a
/// context, cluster or user it names does not exist. The message names the file and, for YAML, the position.
/// </summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where; shown to the user as is.</param>
    /// <param name="filePath">The configuration file at fault, when there is one.</param>
    /// <param name="line">1-based line in <paramref name="filePath"/>, when known.</param>
    /// <param name="column">1-based column in <paramref name="filePath"/>, when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public KubeConfigException(string message, string? filePath = null, int? line = null, int? column = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The configuration file at fault, or null (e.g. in-memory YAML, environment variables).</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the problem in the YAML, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem in the YAML, when known.</summary>
    public int? Column { get; }
}
