namespace Labs.Data.Tests;

/// <summary>A clock the test sets (no timers needed here).</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
