using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Terminal;

/// <summary>
/// Deletes recordings older than <see cref="TerminalOptions.RecordingRetention"/>: once at start, then every hour, so the
/// data directory does not grow with every session the platform ever ran.
/// </summary>
internal sealed partial class TerminalRecordingSweeper(
    TerminalRecordings recordings, IOptions<TerminalOptions> options, TimeProvider time, ILogger<TerminalRecordingSweeper> logger) : BackgroundService
{
    /// <summary>How often the recordings are looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past its retention now; returns how many recordings went.</summary>
    public int SweepOnce()
    {
        var deleted = recordings.DeleteOlderThan(time.GetUtcNow() - options.Value.RecordingRetention);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, options.Value.RecordingRetention);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!recordings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                SweepOnce();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} terminal recordings older than {Retention}")]
    private static partial void LogDeleted(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old terminal recordings: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
