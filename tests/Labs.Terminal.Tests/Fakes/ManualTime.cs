namespace Labs.Terminal.Tests.Fakes;

/// <summary>A clock the test moves by hand (timers still run on real time and read this clock).</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
