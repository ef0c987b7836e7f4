using System.Globalization;

namespace Labs.Cluster.Registry.Batch;

/// <summary>
/// The schedule check of ValidateCronJobSpec: robfig/cron's standard parser (five fields or a descriptor), with its
/// error texts, which kube-apiserver puts in the 422 cause as they are.
/// </summary>
internal static class CronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

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

    /// <summary>Why the schedule cannot be parsed, in the parser's words, or null when it can.</summary>
    public static string? Problem(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Contains("TZ", StringComparison.Ordinal))
        {
            return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
        }

        if (schedule.StartsWith('@'))
        {
            if (schedule.StartsWith("@every ", StringComparison.Ordinal))
            {
                return Schema.GoDurationText.Problem(schedule["@every ".Length..]) is { } invalid
                    ? $"failed to parse duration {schedule}: {invalid}"
                    : null;
            }

            return Descriptors.Contains(schedule, StringComparer.Ordinal) ? null : $"unrecognized descriptor: {schedule}";
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

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var range in fields[i].Split(','))
            {
                if (RangeProblem(range, Bounds[i]) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? RangeProblem(string expr, (uint Min, uint Max, Dictionary<string, uint>? Names) bounds)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        uint start, end;
        string? error;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (bounds.Min, bounds.Max);
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

        return start < bounds.Min ? $"beginning of range ({start}) below minimum ({bounds.Min}): {expr}"
            : end > bounds.Max ? $"end of range ({end}) above maximum ({bounds.Max}): {expr}"
            : start > end ? $"beginning of range ({start}) beyond end of range ({end}): {expr}"
            : step == 0 ? $"step of range should be a positive number: {expr}"
            : null;
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
