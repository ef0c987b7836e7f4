using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Images;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// Runs the containers whose main process is real, each its command in the pod's sandbox: interactive ones
/// (<c>stdin: true</c>, as <c>kubectl run -i</c> makes them), ephemeral ones (<c>kubectl debug</c>), and those whose
/// command, or image's default command (<see cref="ImageCatalog"/>), is an ordinary tool (<c>sh -c '...'</c>,
/// <c>sleep</c>, <c>echo</c>, <c>env</c>, ...), whose standard input is closed as a container's is. It restarts them as
/// the pod's restartPolicy says (CrashLoopBackOff: 10 s, doubling up to 5 minutes) and reports their state as the
/// kubelet's container status. Other containers (servers such as nginx) are simulated: they run until a failed probe
/// stops them, with the start-up lines of the image's server in their log, and are restarted in the same way.
/// </summary>
internal sealed class ContainerRuntime(WorkloadOptions options, PodSandboxes sandboxes, ExecSessions sessions, ExecHandler exec, ImageCatalog images, TimeProvider time)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    // How long a load generator over its memory limit runs before the OOM killer ends it.
    private static readonly TimeSpan OomDelay = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<(string Uid, string Container), ContainerRun> _runs = new();
    private readonly SandboxTools _tools = new(options);

    // The programs of ordinary shell scripts, which the sandbox has as the images do; an image's own server (nginx,
    // redis-server, ...) is not among them, so its containers stay simulated.
    private static readonly FrozenSet<string> OrdinaryTools = FrozenSet.ToFrozenSet(
    [
        "sh", "bash", "ash", "dash", "echo", "printf", "sleep", "date", "env", "printenv", "cat", "ls", "true", "false", "yes",
        "head", "tail", "seq", "hostname", "id", "whoami", "uname", "pwd", "touch", "mkdir", "rm", "cp", "mv", "tee", "wc",
        "grep", "sed", "awk", "cut", "sort", "uniq", "tr", "expr", "test", "dd", "md5sum", "sha256sum", "base64", "timeout",
    ], StringComparer.Ordinal);

    /// <summary>Whether a container of a pod's spec runs for real.</summary>
    public bool RunsForReal(JsonObject container) =>
        Flag(container, "stdin") || (Command(container) is [var program, ..] && OrdinaryTools.Contains(Path.GetFileName(program)));

    /// <summary>
    /// What a container runs: its command and args; its args alone (an image with no ENTRYPOINT runs them, and the
    /// usual entrypoint scripts exec what they are given); else the image's default command; null when not known.
    /// </summary>
    private IReadOnlyList<string>? Command(JsonObject container)
    {
        List<string> command = [.. Strings(container.Arr("command"))];
        List<string> args = [.. Strings(container.Arr("args"))];
        return command.Count > 0 ? [.. command, .. args]
            : args.Count > 0 ? args
            : ImageName.Parse(container.Str("image") ?? "", out _) is { } name ? images.DefaultCommand(name)
            : null;
    }

    /// <summary>The running main process of a container, or null when it has none now.</summary>
    public ContainerProcess? Find(string podUid, string container) =>
        _runs.TryGetValue((podUid, container), out var run) ? run.Process : null;

    /// <summary>The host pids of the commands of a pod's running real containers (each in a network namespace of its own).</summary>
    public IEnumerable<int> CommandPids(string podUid) =>
        _runs.Where(r => r.Key.Uid == podUid && r.Value.Process is not null)
            .SelectMany(r => SandboxSignals.CommandPids(r.Value.Process!.Process.ProcessId)).ToList();

    /// <summary>
    /// A container's log: the current run's output, else the last run's; with <paramref name="previous"/>, the last
    /// run's. Null when there is none.
    /// </summary>
    public byte[]? Log(string podUid, string container, bool previous = false) =>
        !_runs.TryGetValue((podUid, container), out var run) ? null
        : previous ? run.LastLog
        : run.Process?.Log() ?? run.SimulatedLog?.Snapshot() ?? run.LastLog;

    /// <summary>The log of a simulated container that is running now (where its server writes), else null.</summary>
    public ContainerLog? RunningSimulatedLog(string podUid, string container) =>
        _runs.TryGetValue((podUid, container), out var run) && run.SimulatedSince is not null ? run.SimulatedLog : null;

    /// <summary>
    /// Starts, restarts or records the end of one container's process as <paramref name="restartPolicy"/> says (the
    /// kubelet's for its kind, see <see cref="ContainerKinds"/>); returns its status, when to look again (a back-off's
    /// end) and whether a new run started now. <paramref name="lookAgain"/> runs when the process exits.
    /// </summary>
    public ContainerSync Sync(JsonObject pod, JsonObject container, ContainerKind kind, string restartPolicy, Action lookAgain, string? podIp = null)
    {
        var name = container.Str("name") ?? "";
        var run = _runs.GetOrAdd((pod.Uid(), name), _ => new ContainerRun());
        var now = time.GetUtcNow();
        var simulated = kind != ContainerKind.Ephemeral && !RunsForReal(container);
        if (run.Starts == 0 && kind != ContainerKind.Ephemeral)
        {
            Adopt(pod, container, kind, run, podIp, simulated);
        }

        if (run.Process is { } process && process.Exited.IsCompleted)
        {
            Ended(pod, name, run, process, restartPolicy, now);
        }

        TimeSpan? wake = null;
        if (run.SimulatedSince is { } since && run.SimulatedEnd is { } end)
        {
            if (now >= end.At)
            {
                run.LastLog = run.SimulatedLog?.Snapshot();
                run.SimulatedSince = null;
                run.SimulatedLog = null;
                run.SimulatedEnd = null;
                Finish(run, Terminated(pod, name, end.ExitCode, end.Reason, null, since, end.At), end.ExitCode, restartPolicy, now);
            }
            else
            {
                wake = end.At - now;
            }
        }

        var newRun = false;
        if (run.RunningSince is null && run.Terminated is null)
        {
            if (run.BackoffUntil is { } until && until > now)
            {
                wake = until - now;
            }
            else
            {
                run.BackoffUntil = null;
                run.Starts++;
                newRun = true;
                if (simulated)
                {
                    // A simulated container runs from now until it is killed.
                    StartSimulated(pod, container, run, podIp, now);
                }
                else
                {
                    Start(pod, container, run, lookAgain, now);
                }
            }
        }

        return new ContainerSync(Status(pod, container, run), wake, newRun);
    }

    /// <summary>
    /// Ends a container's restarts: once the run it is in stops, it stays terminated (a pod's sidecars as its regular
    /// containers have finished, whatever their restart policy).
    /// </summary>
    public void StopRestarting(JsonObject pod, string container)
    {
        if (_runs.TryGetValue((pod.Uid(), container), out var run) && run.RunningSince is null && run.Terminated is null)
        {
            run.Terminated = run.LastTerminated?.DeepClone().AsObject() ?? Terminated(pod, container, 0, "Completed", null, time.GetUtcNow(), time.GetUtcNow());
            run.BackoffUntil = null;
        }
    }

    /// <summary>
    /// Stops a container's current run, as the kubelet does when its liveness or startup probe fails or its pod ends:
    /// a simulated server stops at once (exit code 0, as nginx on SIGTERM), a real process gets SIGTERM and, after
    /// <paramref name="grace"/>, SIGKILL. <paramref name="restartPolicy"/> decides what follows, as after any exit.
    /// False when there was nothing to stop (it does not run, or is being stopped already).
    /// </summary>
    public bool Kill(JsonObject pod, string container, TimeSpan grace, string restartPolicy)
    {
        if (!_runs.TryGetValue((pod.Uid(), container), out var run) || run.Killing)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (run.SimulatedSince is { } since)
        {
            run.LastLog = run.SimulatedLog?.Snapshot();
            run.SimulatedSince = null;
            run.SimulatedLog = null;
            run.SimulatedEnd = null;
            Finish(run, Terminated(pod, container, 0, "Completed", null, since, now), 0, restartPolicy, now, killed: true);
            return true;
        }

        if (run.Process is not { } process)
        {
            return false;
        }

        run.Killing = true;
        run.KillPolicy = restartPolicy;
        process.Process.Terminate();
        _ = Task.Delay(grace, time).ContinueWith(_ => process.Process.Kill(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return true;
    }

    /// <summary>
    /// Runs a command in a container's sandbox as the kubelet's exec probe does: its exit code and combined output (the
    /// first 10 KiB), or a null exit code when it ran past <paramref name="timeout"/> and was killed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The command cannot start (a tool is missing, a mount is refused).</exception>
    public async Task<(int? ExitCode, string Output)> RunAsync(JsonObject pod, JsonObject container, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var process = Launch(pod, container, new ExecRequest(command, Stdin: false, Stdout: true, Stderr: true, Tty: false), expandCommand: false);
        try
        {
            const int MaxOutput = 10 * 1024;
            var output = new MemoryStream();
            var read = Task.Run(async () =>
            {
                await foreach (var (_, data) in process.ReadOutputAsync(CancellationToken.None))
                {
                    output.Write(data, 0, Math.Min(data.Length, (int)Math.Max(0, MaxOutput - output.Length)));
                }
            }, CancellationToken.None);
            var exit = process.WaitForExitAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(timeout, time, stop.Token);
            if (await Task.WhenAny(exit, timer) != exit)
            {
                process.Kill();
                return (null, "");
            }

            await stop.CancelAsync();
            await read;
            return (await exit, System.Text.Encoding.UTF8.GetString(output.ToArray()));
        }
        finally
        {
            sessions.Remove(process);
            await process.DisposeAsync();
        }
    }

    /// <summary>Forgets a pod's containers (their processes are killed with the pod's).</summary>
    public void Forget(string podUid)
    {
        foreach (var key in _runs.Keys.Where(k => k.Uid == podUid))
        {
            if (_runs.TryRemove(key, out var run) && run.Process is { } process)
            {
                _ = process.DisposeAsync().AsTask();
            }
        }
    }

    private void Start(JsonObject pod, JsonObject container, ContainerRun run, Action lookAgain, DateTimeOffset now)
    {
        var request = new ExecRequest(Command(container) ?? ["sh"], Stdin: true, Stdout: true, Stderr: true, Tty: Flag(container, "tty"));
        try
        {
            var started = Launch(pod, container, request, expandCommand: true);
            if (!Flag(container, "stdin"))
            {
                started.CloseInput();
            }

            var process = new ContainerProcess(started, Flag(container, "stdinOnce"), now);
            run.OomKillsAtStart = sandboxes.OomKills(pod.Uid());
            run.Process = process;
            _ = process.Exited.ContinueWith(_ => lookAgain(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (InvalidOperationException e)
        {
            // As containerd's StartError: the container never ran, exit code 128.
            run.Terminated = Terminated(pod, container.Str("name") ?? "", 128, "StartError", e.Message, now, now);
        }
    }

    /// <summary>
    /// Starts a command in a container's sandbox, counted among the pod's processes; with
    /// <paramref name="expandCommand"/> its $(VAR) references are expanded with the container's environment, as the
    /// kubelet does for a container's command and args.
    /// </summary>
    /// <exception cref="InvalidOperationException">It cannot start: a tool is missing, a mount is refused, the spawn failed.</exception>
    private ISandboxProcess Launch(JsonObject pod, JsonObject container, ExecRequest request, bool expandCommand)
    {
        if (_tools.Missing(needsSetPriv: sandboxes.HostUid(pod.Uid()) is not null, needsSocat: options.ApiServerSocket is not null) is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        SandboxSpec? spec = null;
        try
        {
            spec = exec.BuildSpec(pod, container, request);
            if (expandCommand)
            {
                var environment = spec.Environment;
                spec = spec with { Command = [.. spec.Command.Select(a => ContainerEnvironment.Expand(a, n => environment.GetValueOrDefault(n)))] };
            }

            var started = Sandbox.Start(_tools, spec);
            sessions.Add(pod.Uid(), started);
            return started;
        }
        catch (Exception e) when (e is SubPathException or Win32Exception or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(e.Message, e);
        }
        finally
        {
            foreach (var mount in spec?.Mounts ?? [])
            {
                mount.Source.Dispose();
            }
        }
    }

    // Takes up what the stored status says of a container after a restart of the platform: a simulated one's
    // restarts, last state and since when it runs; a run that is over (a finished init container is never run twice).
    private void Adopt(JsonObject pod, JsonObject container, ContainerKind kind, ContainerRun run, string? podIp, bool simulated)
    {
        var field = kind is ContainerKind.Init or ContainerKind.Sidecar ? "initContainerStatuses" : "containerStatuses";
        if (pod.Arr("status", field).Objects().FirstOrDefault(c => c.Str("name") == container.Str("name")) is not { } kept ||
            kept.Str("containerID") is null)
        {
            return;
        }

        var terminated = kept.Obj("state", "terminated");
        if (!simulated && (kind != ContainerKind.Init || terminated is null))
        {
            return;
        }

        var restarts = (int)Math.Max(0, kept.Long("restartCount") ?? 0);
        run.LastTerminated = kept.Obj("lastState", "terminated")?.DeepClone().AsObject();
        run.Starts = restarts;
        if (terminated is not null)
        {
            run.Starts = restarts + 1;
            run.Terminated = terminated.DeepClone().AsObject();
        }
        else if (JsonPaths.ParseTimestamp(kept.Str("state", "running", "startedAt")) is { } since)
        {
            run.Starts = restarts + 1;
            StartSimulated(pod, container, run, podIp, since);
        }
    }

    private void StartSimulated(JsonObject pod, JsonObject container, ContainerRun run, string? podIp, DateTimeOffset since)
    {
        var log = new ContainerLog();
        if (ImageName.Parse(container.Str("image") ?? "", out _) is { } image)
        {
            foreach (var server in images.ServersOf(image))
            {
                var values = Network.PodNetwork.Values(pod, image, server, podIp);
                foreach (var line in server.Start)
                {
                    log.AppendLine(Network.ServerProfile.Render(line, values, since));
                }
            }
        }

        run.SimulatedLog = log;
        run.SimulatedSince = since;
        run.Killing = false;

        // A load generator that holds more memory than its limit is killed by the kernel as soon as it has allocated it.
        run.SimulatedEnd = Metrics.ContainerDemand.Of(container)?.MemoryBytes is { } held &&
                           Admission.PodResources.Limits(container).TryGetValue("memory", out var limit) && !limit.IsZero && held > limit.Value
            ? (since + OomDelay, 137, "OOMKilled")
            : null;
    }

    private void Ended(JsonObject pod, string name, ContainerRun run, ContainerProcess process, string restartPolicy, DateTimeOffset now)
    {
        var exitCode = process.Exited.Result;
        var killed = run.Killing;
        var policy = killed ? run.KillPolicy ?? restartPolicy : restartPolicy;
        sessions.Remove(process.Process);
        run.LastLog = process.Log();
        run.Process = null;
        run.Killing = false;
        run.KillPolicy = null;
        _ = process.DisposeAsync().AsTask();
        // SIGKILL while the pod's OOM-kill count grew: the kernel killed it for its memory limit, as the kubelet reports.
        var oomKilled = exitCode == 137 && sandboxes.OomKills(pod.Uid()) > (run.OomKillsAtStart ?? 0);
        var reason = oomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        Finish(run, Terminated(pod, name, exitCode, reason, null, process.StartedAt, now), exitCode, policy, now, killed);
    }

    // What follows a run's end: nothing more (restart policy Never, or OnFailure after a success), or a restart, at
    // once the first time, then after the back-off. A run a failed probe stopped restarts under any policy but Never,
    // whatever its exit code.
    private static void Finish(ContainerRun run, JsonObject terminated, int exitCode, string restartPolicy, DateTimeOffset now, bool killed = false)
    {
        if (restartPolicy == "Never" || (restartPolicy == "OnFailure" && exitCode == 0 && !killed))
        {
            run.Terminated = terminated;
            return;
        }

        // The first restart is at once, then the kubelet's back-off: 10 s, doubling, at most 5 minutes.
        run.LastTerminated = terminated;
        if (run.Starts > 1)
        {
            var backoff = TimeSpan.FromSeconds(10 * Math.Pow(2, Math.Min(run.Starts - 2, 10)));
            run.BackoffUntil = now + (backoff < MaxBackoff ? backoff : MaxBackoff);
        }
    }

    private JsonObject Status(JsonObject pod, JsonObject container, ContainerRun run)
    {
        var name = container.Str("name") ?? "";
        var (image, imageId) = Kubelet.ImageReference(container.Str("image"));
        JsonObject state;
        if (run.RunningSince is { } since)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = JsonPaths.Timestamp(since) } };
        }
        else if (run.Terminated is { } terminated)
        {
            state = new JsonObject { ["terminated"] = terminated.DeepClone() };
        }
        else
        {
            state = new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["message"] = $"back-off {BackoffText(run)} restarting failed container={name} pod={pod.Name()}_{pod.Namespace()}({pod.Uid()})",
                    ["reason"] = "CrashLoopBackOff",
                },
            };
        }

        var status = new JsonObject
        {
            ["containerID"] = ContainerId(pod, name),
            ["image"] = image,
            ["imageID"] = imageId,
            ["lastState"] = run.LastTerminated is { } last ? new JsonObject { ["terminated"] = last.DeepClone() } : new JsonObject(),
            ["name"] = name,
            ["ready"] = run.RunningSince is not null,
            ["restartCount"] = run.RestartCount,
            ["started"] = run.RunningSince is not null,
            ["state"] = state,
        };
        return status;
    }

    private string BackoffText(ContainerRun run)
    {
        var left = (run.BackoffUntil ?? time.GetUtcNow()) - time.GetUtcNow();
        var seconds = Math.Max(10, (int)Math.Round(left.TotalSeconds / 10) * 10);
        return seconds >= 60 && seconds % 60 == 0 ? $"{seconds / 60}m0s" : seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }

    private static JsonObject Terminated(JsonObject pod, string name, int exitCode, string reason, string? message, DateTimeOffset started, DateTimeOffset finished)
    {
        var terminated = new JsonObject
        {
            ["containerID"] = ContainerId(pod, name),
            ["exitCode"] = exitCode,
            ["finishedAt"] = JsonPaths.Timestamp(finished),
        };
        if (message is not null)
        {
            terminated["message"] = message;
        }

        terminated["reason"] = reason;
        terminated["startedAt"] = JsonPaths.Timestamp(started);
        return terminated;
    }

    private static string ContainerId(JsonObject pod, string name) => "labs-sim://" + Kubelet.Hex(pod.Uid() + "/" + name, 64);

    private static IEnumerable<string> Strings(JsonArray? array) => (array ?? []).Select(n => (string?)n).OfType<string>();

    private static bool Flag(JsonObject container, string field) => container[field] is JsonValue v && v.TryGetValue<bool>(out var set) && set;
}
