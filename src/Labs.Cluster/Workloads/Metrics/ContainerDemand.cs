using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Images;

namespace Labs.Cluster.Workloads.Metrics;

/// <summary>
/// What a simulated container asks of its node when its command is a load generator, as the resource tutorials use
/// them: <c>stress --vm 1 --vm-bytes 250M</c> (polinux/stress, progrium/stress) and <c>stress-ng --vm N --vm-bytes X
/// --cpu N</c> hold that much memory, <c>--cpu N</c> (and vish/stress's <c>-cpus N</c>) keep N cores busy.
/// </summary>
/// <param name="MemoryBytes">Memory the command holds, or null when it says nothing of it.</param>
/// <param name="Cores">Cores it keeps busy, or null.</param>
internal sealed record ContainerDemand(long? MemoryBytes, double? Cores)
{
    private static readonly string[] Programs = ["stress", "stress-ng"];

    /// <summary>The demand of a container's command and args; null when it is not a load generator.</summary>
    public static ContainerDemand? Of(JsonObject container)
    {
        List<string> command = [.. (container.Arr("command") ?? []).Select(n => (string?)n).OfType<string>()];
        List<string> args = [.. (container.Arr("args") ?? []).Select(n => (string?)n).OfType<string>()];
        var image = ImageName.Parse(container.Str("image") ?? "", out _)?.Repository ?? "";
        var stressImage = image.EndsWith("stress", StringComparison.Ordinal) || image.EndsWith("stress-ng", StringComparison.Ordinal);
        List<string> words = command.Count > 0 ? [.. command, .. args] : stressImage ? ["stress", .. args] : [];
        return words.Count > 0 && Programs.Contains(Path.GetFileName(words[0])) ? Parse(words[1..]) : null;
    }

    private static ContainerDemand Parse(List<string> flags)
    {
        long workers = 1;
        long? bytes = null;
        double? cores = null;
        for (var i = 0; i < flags.Count; i++)
        {
            var (flag, value) = flags[i].Split('=', 2) is [var f, var v] ? (f, v) : (flags[i], i + 1 < flags.Count ? flags[i + 1] : null);
            switch (flag)
            {
                case "--vm" or "-m" when long.TryParse(value, CultureInfo.InvariantCulture, out var n):
                    workers = Math.Max(1, n);
                    break;
                case "--vm-bytes" when Size(value) is { } size:
                    bytes = size;
                    break;
                case "--cpu" or "-c" or "-cpus" when double.TryParse(value, CultureInfo.InvariantCulture, out var c):
                    cores = c;
                    break;
            }
        }

        // Without --vm-bytes, stress's workers hold 256 MiB each.
        var holdsMemory = flags.Any(f => f is "--vm" or "-m" || f.StartsWith("--vm=", StringComparison.Ordinal));
        return new ContainerDemand(holdsMemory ? workers * (bytes ?? 256L * 1024 * 1024) : null, cores);
    }

    // A size as stress writes it: a number with an optional B, K, M or G (powers of 1024).
    private static long? Size(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var unit = char.ToUpperInvariant(text[^1]);
        var factor = unit switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'B' => 1L, _ => 0L };
        var digits = factor == 0 ? text : text[..^1];
        return long.TryParse(digits, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n * (factor == 0 ? 1 : factor) : null;
    }
}
