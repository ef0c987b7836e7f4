using System.Globalization;

namespace Labs.Cluster.Registry.Batch;

/// <summary>
/// A CronJob schedule as robfig/cron's standard parser reads it (five fields or a descriptor), with its error texts,
/// which kube-apiserver puts in the 422 cause as they are, and the times it names (<see cref="Next"/>), for the
/// CronJob controller.
/// </summary>
internal sealed class CronSchedule
{
    // Set on a day field written as * or ? (without a step): then day-of-month and day-of-week must both match.
    private const ulong StarBit = 1UL << 63;

    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *", ["@annually"] = "0 0 1 1 *", ["@monthly"] = "0 0 1 * *", ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *", ["@midnight"] = "0 0 * * *", ["@hourly"] = "0 * * * *",
    };

    private static readonly Dictionary<string, uint> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly Dictionary<string, uint> Days = new(StringComparer.Ordinal)
    {
        ["sun"] = 0, ["mon"] = 1, ["tue"] = 2, ["wed"] = 3, ["thu"] = 4, ["fri"] = 5, ["sat"] = 6,
    };

    private static readonly (uint Min, uint Max, Dictionary<string, uint>? Names)[] Bounds =
        [(0, 59, null), (0, 23, null), (1, 31, null), (1, 12, Months), (0, 6, Days)];

    // Minute, hour, day of month, month, day of week: bit n set when value n matches. Null for an @every schedule.
    private readonly ulong[]? _fields;
    private readonly TimeSpan _every;

    private CronSchedule(ulong[]? fields, TimeSpan every)
    {
        _fields = fields;
        _every = every;
    }

    /// <summary>Why the schedule cannot be parsed, in the parser's words, or null when it can.</summary>
    public static string? Problem(string schedule) => Parse(schedule, out _);

    /// <summary>Parses a schedule; returns why it cannot be, or null with the schedule.</summary>
    public static string? Parse(string schedule, out CronSchedule? parsed)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        parsed = null;
        if (schedule.Contains("TZ", StringComparison.Ordinal))
        {
            return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
        }

        if (schedule.StartsWith('@'))
        {
            if (schedule.StartsWith("@every ", StringComparison.Ordinal))
            {
                var text = schedule["@every ".Length..];
                if (Schema.GoDurationText.Problem(text, out var every) is { } invalid)
                {
                    return $"failed to parse duration {schedule}: {invalid}";
                }

                // ConstantDelaySchedule: the delay in whole seconds, at least one.
                var seconds = Math.Max(1, (long)Math.Floor(every.TotalSeconds));
                parsed = new CronSchedule(null, TimeSpan.FromSeconds(seconds));
                return null;
            }

            if (!Descriptors.TryGetValue(schedule, out var fiveFields))
            {
                return $"unrecognized descriptor: {schedule}";
            }

            schedule = fiveFields;
        }

        var fields = schedule.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return "empty spec string";
        }

        if (fields.Length != 5)
        {
            return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(' ', fields)}]";
        }

        var bits = new ulong[5];
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var range in fields[i].Split(','))
            {
                if (RangeProblem(range, Bounds[i], out var rangeBits) is { } problem)
                {
                    return problem;
                }

                bits[i] |= rangeBits;
            }
        }

        parsed = new CronSchedule(bits, TimeSpan.Zero);
        return null;
    }

    /// <summary>
    /// The first time after <paramref name="after"/> the schedule names, read on the wall clock of <paramref name="zone"/>
    /// (a time a daylight-saving change skips is skipped); null when none comes within five years (<c>30 2 31 2 *</c>).
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (_fields is null)
        {
            return after.AddTicks(-(after.Ticks % TimeSpan.TicksPerSecond)) + _every;
        }

        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.Year + 5;
        while (t.Year <= limit)
        {
            if (!Has(3, t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!Has(1, t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!Has(0, t.Minute))
            {
                t = t.AddMinutes(1);
            }
            else if (zone.IsInvalidTime(t))
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return new DateTimeOffset(t, zone.GetUtcOffset(t));
            }
        }

        return null;
    }

    private bool Has(int field, int value) => (_fields![field] & (1UL << value)) != 0;

    private bool DayMatches(DateTime t)
    {
        var dom = Has(2, t.Day);
        var dow = Has(4, (int)t.DayOfWeek);
        return (_fields![2] & StarBit) != 0 || (_fields[4] & StarBit) != 0 ? dom && dow : dom || dow;
    }

    private static string? RangeProblem(string expr, (uint Min, uint Max, Dictionary<string, uint>? Names) bounds, out ulong bits)
    {
        bits = 0;
        var star = false;
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        uint start, end;
        string? error;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (bounds.Min, bounds.Max);
            star = true;
        }
        else
        {
            if ((error = Number(lowAndHigh[0], bounds.Names, out start)) is not null)
            {
                return error;
            }

            switch (lowAndHigh.Length)
            {
                case 1:
                    end = start;
                    break;
                case 2:
                    if ((error = Number(lowAndHigh[1], bounds.Names, out end)) is not null)
                    {
                        return error;
                    }

                    break;
                default:
                    return $"too many hyphens: {expr}";
            }
        }

        uint step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                if ((error = Number(rangeAndStep[1], null, out step)) is not null)
                {
                    return error;
                }

                // "N/step" means "N-max/step".
                if (lowAndHigh.Length == 1)
                {
                    end = bounds.Max;
                }

                break;
            default:
                return $"too many slashes: {expr}";
        }

        var problem = start < bounds.Min ? $"beginning of range ({start}) below minimum ({bounds.Min}): {expr}"
            : end > bounds.Max ? $"end of range ({end}) above maximum ({bounds.Max}): {expr}"
            : start > end ? $"beginning of range ({start}) beyond end of range ({end}): {expr}"
            : step == 0 ? $"step of range should be a positive number: {expr}"
            : null;
        if (problem is null)
        {
            for (var v = start; v <= end; v += step)
            {
                bits |= 1UL << (int)v;
            }

            if (star && step == 1)
            {
                bits |= StarBit;
            }
        }

        return problem;
    }

    private static string? Number(string expr, Dictionary<string, uint>? names, out uint value)
    {
        if (names is not null && names.TryGetValue(expr.ToLowerInvariant(), out value))
        {
            return null;
        }

        value = 0;
        if (!long.TryParse(expr, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number > int.MaxValue || number < int.MinValue)
        {
            var reason = expr.Length > 0 && expr.TrimStart('-', '+').All(char.IsAsciiDigit) && expr.TrimStart('-', '+').Length > 0 ? "value out of range" : "invalid syntax";
            return $"failed to parse int from {expr}: strconv.Atoi: parsing {Schema.GoText.Quote(expr)}: {reason}";
        }

        if (number < 0)
        {
            return $"negative number ({number}) not allowed: {expr}";
        }

        value = (uint)number;
        return null;
    }
}
