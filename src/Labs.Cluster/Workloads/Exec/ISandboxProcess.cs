namespace Labs.Cluster.Workloads.Exec;

/// <summary>A command running in a pod's sandbox, with its standard streams.</summary>
internal interface ISandboxProcess : IAsyncDisposable
{
    /// <summary>The host pid of the sandbox's launcher (bubblewrap outside the sandbox).</summary>
    int ProcessId { get; }

    /// <summary>Writes to the command's standard input (queued; never blocks the caller on a slow reader).</summary>
    void WriteInput(ReadOnlyMemory<byte> data);

    /// <summary>Closes standard input (end of file for the command).</summary>
    void CloseInput();

    /// <summary>Changes the terminal size; ignored without a TTY.</summary>
    void Resize(int columns, int rows);

    /// <summary>Reads output: channel 1 stdout, 2 stderr; completes (returns false) when both streams ended.</summary>
    IAsyncEnumerable<(int Channel, byte[] Data)> ReadOutputAsync(CancellationToken cancellationToken);

    /// <summary>The output as it is queued (what <see cref="ReadOutputAsync"/> reads), for readers that take what is waiting at once.</summary>
    System.Threading.Channels.ChannelReader<(int Channel, byte[] Data)> Output { get; }

    /// <summary>Waits for the exit code.</summary>
    Task<int> WaitForExitAsync();

    /// <summary>Asks the command to stop (SIGTERM), as a container runtime stops a container; <see cref="Kill"/> when it does not.</summary>
    void Terminate();

    /// <summary>Kills the command and everything in its sandbox.</summary>
    void Kill();
}
