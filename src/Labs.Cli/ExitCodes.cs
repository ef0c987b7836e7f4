namespace Labs.Cli;

/// <summary>The exit codes of <c>labs</c>, named so that scripts and CI can tell failures apart.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked: the labs are valid, their tests passed.</summary>
    public const int Ok = 0;

    /// <summary><c>validate</c> found problems in a lab, or <c>test</c> found a lab that does not work.</summary>
    public const int LabsFailed = 1;

    /// <summary>The command line was wrong (unknown option, missing argument); <c>--help</c> says what is allowed.</summary>
    public const int Usage = 2;

    /// <summary>A folder or file the command needs does not exist, or cannot be written.</summary>
    public const int NotFound = 3;

    /// <summary>The cluster could not be reached or started (bad kubeconfig, embedded cluster cannot start here).</summary>
    public const int ClusterUnavailable = 4;

    /// <summary>The command was interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
