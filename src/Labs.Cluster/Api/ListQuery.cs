using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// The parameters of a LIST, WATCH or DELETE-collection request, decoded and checked once in kube-apiserver's order
/// and words: query decoding (400, e.g. <c>strconv.ParseInt: parsing "abc": invalid syntax</c>), selector parsing
/// (400), ListOptions validation (422), field label support (400), then storage's resourceVersion and continue checks.
/// </summary>
/// <param name="Labels">The label selector.</param>
/// <param name="Fields">The field selector, resolved for the kind.</param>
/// <param name="ResourceVersion">The resourceVersion asked for; 0 when absent or "0".</param>
/// <param name="Timeout">How long a watch stays open (<c>timeoutSeconds</c>); infinite when not given.</param>
/// <param name="AllowWatchBookmarks">Whether a watch may send BOOKMARK events.</param>
internal sealed record ListQuery(LabelSelector Labels, FieldSelector Fields, long ResourceVersion, TimeSpan Timeout, bool AllowWatchBookmarks)
{
    /// <summary>The most items a LIST answers (<c>limit</c>); 0 for all.</summary>
    public long Limit { get; init; }

    /// <summary>Where a LIST continues (<c>continue</c>), or null for the first page.</summary>
    public ContinueToken? Continue { get; init; }

    // CancellationTokenSource.CancelAfter takes at most about 49 days; a longer watch is as good as endless.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(30);

    private const string ContinueExpired =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

    /// <summary>
    /// A boolean query parameter as Kubernetes decodes it: present and not <c>0</c> or <c>false</c> (any case) is true,
    /// so <c>?watch</c>, <c>?watch=1</c> and <c>?watch=yes</c> all watch. Authorization reads the same rule.
    /// </summary>
    public static bool Flag(string? value) =>
        value is not null && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes and checks the parameters of a request on <paramref name="strategy"/>'s resource.</summary>
    public static ListQuery Parse(IQueryCollection query, Registry.ResourceStrategy strategy, bool watch)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(strategy);
        string? First(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        // url.Values to v1.ListOptions: numbers first (a bad one is the whole message), then the selectors.
        var timeoutSeconds = First("timeoutSeconds") is { } t ? ParseInt64(t) : (long?)null;
        var limit = First("limit") is { } limitText ? ParseInt64(limitText) : 0;
        var labels = LabelSelector.Parse(First("labelSelector"));
        var fields = FieldSelector.Parse(First("fieldSelector"));
        var resourceVersion = First("resourceVersion") ?? string.Empty;
        var match = First("resourceVersionMatch") ?? string.Empty;
        var continueToken = First("continue") ?? string.Empty;
        var sendInitialEvents = query.ContainsKey("sendInitialEvents");

        var invalid = watch ? ValidateWatch(match, continueToken, sendInitialEvents) : ValidateList(resourceVersion, match, continueToken, sendInitialEvents);
        if (invalid.Count > 0)
        {
            throw ApiErrors.Invalid("ListOptions", "meta.k8s.io", string.Empty, invalid);
        }

        fields = fields.ForKind(strategy.Fields);
        ContinueToken? next = null;
        if (!watch && continueToken.Length > 0)
        {
            CheckContinue(continueToken, resourceVersion);
            next = ContinueToken.Decode(continueToken);
        }

        var version = ParseResourceVersion(resourceVersion);
        var timeout = timeoutSeconds switch
        {
            null or 0 => System.Threading.Timeout.InfiniteTimeSpan,
            < 0 => TimeSpan.Zero,
            var seconds => seconds.Value > LongestTimeout.TotalSeconds ? LongestTimeout : TimeSpan.FromSeconds(seconds.Value),
        };
        return new ListQuery(labels, fields, version, timeout, Flag(First("allowWatchBookmarks")))
        {
            Limit = watch || limit < 0 ? 0 : limit,
            Continue = next,
        };
    }

    // apimachinery ValidateListOptions for a list.
    private static List<(string, string, string)> ValidateList(string resourceVersion, string match, string continueToken, bool sendInitialEvents)
    {
        var causes = new List<(string, string, string)>();
        if (match.Length > 0)
        {
            if (resourceVersion.Length == 0)
            {
                causes.Add(Forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }

            if (continueToken.Length > 0)
            {
                causes.Add(Forbidden("resourceVersionMatch is forbidden when continue is provided"));
            }

            if (match is not ("Exact" or "NotOlderThan"))
            {
                causes.Add(NotSupported(match, "\"Exact\", \"NotOlderThan\", \"\""));
            }

            if (match == "Exact" && resourceVersion == "0")
            {
                causes.Add(Forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }

        if (sendInitialEvents)
        {
            causes.Add(("FieldValueForbidden", "sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for list"));
        }

        return causes;
    }

    // apimachinery validateWatchOptions, with the WatchList feature off (this server sends no initial-events bookmark).
    private static List<(string, string, string)> ValidateWatch(string match, string continueToken, bool sendInitialEvents)
    {
        var causes = new List<(string, string, string)>();
        if (sendInitialEvents)
        {
            if (match != "NotOlderThan")
            {
                causes.Add(Forbidden("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }

            causes.Add(("FieldValueForbidden", "sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled"));
        }

        if (match.Length > 0)
        {
            if (!sendInitialEvents)
            {
                causes.Add(Forbidden("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }

            if (match != "NotOlderThan")
            {
                causes.Add(NotSupported(match, "\"NotOlderThan\""));
            }

            if (continueToken.Length > 0)
            {
                causes.Add(Forbidden("resourceVersionMatch is forbidden when continue is provided"));
            }
        }

        return causes;
    }

    private static (string, string, string) Forbidden(string detail) => ("FieldValueForbidden", "resourceVersionMatch", $"Forbidden: {detail}");

    private static (string, string, string) NotSupported(string value, string supported) =>
        ("FieldValueNotSupported", "resourceVersionMatch", $"Unsupported value: {Schema.GoText.Quote(value)}: supported values: {supported}");

    /// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>, failing with its message.</summary>
    private static long ParseInt64(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        if (digits.Length == 0 || digits.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            throw ApiErrors.BadRequest($"strconv.ParseInt: parsing {Schema.GoText.Quote(text)}: invalid syntax");
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"strconv.ParseInt: parsing {Schema.GoText.Quote(text)}: value out of range");
    }

    /// <summary>The storage layer's resourceVersion rule: empty or "0" is "any", otherwise a uint64.</summary>
    private static long ParseResourceVersion(string text)
    {
        if (text is "" or "0")
        {
            return 0;
        }

        var problem = text.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0 ? "invalid syntax"
            : !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? "value out of range"
            : value > long.MaxValue ? "value out of range" : null;
        return problem is null
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw ApiErrors.BadRequest(
                $"invalid resource version: resourceVersion: Invalid value: {Schema.GoText.Quote(text)}: strconv.ParseUint: parsing {Schema.GoText.Quote(text)}: {problem}");
    }

    /// <summary>A malformed continue token is refused as the storage layer words it (400); whether a well-formed one can
    /// still be served is the listing's business (410 when it cannot).</summary>
    private static void CheckContinue(string token, string resourceVersion)
    {
        var problem = ContinueProblem(token);
        if (problem is not null)
        {
            throw ApiErrors.BadRequest($"invalid continue token: continue key is not valid{problem}");
        }

        if (resourceVersion is not ("" or "0"))
        {
            throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
        }
    }

    /// <summary>The 410 answer for a continue token whose snapshot can no longer be listed.</summary>
    public static ApiException Expired() => new(410, "Expired", ContinueExpired);

    // storage.DecodeContinue: base64url (unpadded) JSON {"v":"meta.k8s.io/v1","rv":N,"start":"key"}.
    private static string? ContinueProblem(string token)
    {
        if (Schema.GoBase64.Problem(token, urlNoPadding: true) is { } base64)
        {
            return $": {base64}";
        }

        var padded = token.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
        JsonNode? decoded;
        try
        {
            decoded = Schema.StrictJson.Parse(bytes);
        }
        catch (Schema.StrictJsonException e)
        {
            return $": {e.Message}";
        }

        var version = Access.JsonFields.String(decoded, "v");
        if (version != "meta.k8s.io/v1")
        {
            return $": server does not recognize this encoded version {version}";
        }

        if (Access.JsonFields.Int64(decoded!["rv"]) is null or 0)
        {
            return ": incorrect encoded start resourceVersion (version meta.k8s.io/v1)";
        }

        var start = Access.JsonFields.String(decoded, "start") ?? string.Empty;
        if (start.Length == 0)
        {
            return ": encoded start key empty (version meta.k8s.io/v1)";
        }

        var key = start.StartsWith('/') ? start : "/" + start;
        return key.Split('/').Skip(1).Any(s => s is "" or "." or "..") && key != "/" ? $": {start}" : null;
    }
}
