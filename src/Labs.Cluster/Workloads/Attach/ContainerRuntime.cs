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
/// kubelet's container status. Other containers (servers such as nginx) stay simulated.
/// </summary>
internal sealed class ContainerRuntime(WorkloadOptions options, PodSandboxes sandboxes, ExecSessions sessions, ExecHandler exec, ImageCatalog images, TimeProvider time)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
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

    /// <summary>A container's log: the current run's output, else the last run's; null when it never ran for real.</summary>
    public byte[]? Log(string podUid, string container) =>
        _runs.TryGetValue((podUid, container), out var run) ? run.Process?.Log() ?? run.LastLog : null;

    /// <summary>
    /// Starts, restarts or records the end of one container's process; returns its status and when to look again
    /// (a back-off's end). <paramref name="lookAgain"/> runs when the process exits.
    /// </summary>
    public (JsonObject Status, TimeSpan? Wake) Sync(JsonObject pod, JsonObject container, bool ephemeral, Action lookAgain)
    {
        var name = container.Str("name") ?? "";
        var run = _runs.GetOrAdd((pod.Uid(), name), _ => new ContainerRun());
        var now = time.GetUtcNow();
        if (run.Process is { } process && process.Exited.IsCompleted)
        {
            Ended(pod, name, run, process, ephemeral, now);
        }

        TimeSpan? wake = null;
        if (run.Process is null && run.Terminated is null)
        {
            if (run.BackoffUntil is { } until && until > now)
            {
                wake = until - now;
            }
            else
            {
                run.BackoffUntil = null;
                Start(pod, container, run, lookAgain, now);
            }
        }

        return (Status(pod, container, run), wake);
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
        run.Starts++;
        var request = new ExecRequest(Command(container) ?? ["sh"], Stdin: true, Stdout: true, Stderr: true, Tty: Flag(container, "tty"));
        string? failure = _tools.Missing(needsSetPriv: sandboxes.HostUid(pod.Uid()) is not null, needsSocat: options.ApiServerSocket is not null);
        if (failure is null)
        {
            SandboxSpec? spec = null;
            try
            {
                spec = exec.BuildSpec(pod, container, request);

                // The kubelet expands $(VAR) in the command and args with the container's environment.
                var environment = spec.Environment;
                spec = spec with { Command = [.. spec.Command.Select(a => ContainerEnvironment.Expand(a, n => environment.GetValueOrDefault(n)))] };
                var started = Sandbox.Start(_tools, spec);
                if (!Flag(container, "stdin"))
                {
                    started.CloseInput();
                }

                sessions.Add(pod.Uid(), started);
                var process = new ContainerProcess(started, Flag(container, "stdinOnce"), now);
                run.Process = process;
                _ = process.Exited.ContinueWith(_ => lookAgain(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }
            catch (Exception e) when (e is SubPathException or Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                failure = e.Message;
            }
            finally
            {
                foreach (var mount in spec?.Mounts ?? [])
                {
                    mount.Source.Dispose();
                }
            }
        }

        // As containerd's StartError: the container never ran, exit code 128.
        run.Terminated = Terminated(pod, container.Str("name") ?? "", 128, "StartError", failure, now, now);
    }

    private void Ended(JsonObject pod, string name, ContainerRun run, ContainerProcess process, bool ephemeral, DateTimeOffset now)
    {
        var exitCode = process.Exited.Result;
        sessions.Remove(process.Process);
        run.LastLog = process.Log();
        run.Process = null;
        _ = process.DisposeAsync().AsTask();
        var terminated = Terminated(pod, name, exitCode, exitCode == 0 ? "Completed" : "Error", null, process.StartedAt, now);
        var policy = pod.Str("spec", "restartPolicy") ?? "Always";
        if (ephemeral || policy == "Never" || (policy == "OnFailure" && exitCode == 0))
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
        if (run.Process is { } process)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = JsonPaths.Timestamp(process.StartedAt) } };
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
            ["ready"] = run.Process is not null,
            ["restartCount"] = run.RestartCount,
            ["started"] = run.Process is not null,
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
