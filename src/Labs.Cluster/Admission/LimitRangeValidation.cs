using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>The API server's validation of a LimitRange (ValidateLimitRange in pkg/apis/core/validation).</summary>
internal static class LimitRangeValidation
{
    /// <summary>Throws 422 Invalid when an item's type, resource names or values contradict each other.</summary>
    public static void Validate(JsonObject limitRange)
    {
        var errors = new FieldErrors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = limitRange["spec"]?["limits"] as JsonArray ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"spec.limits[{i}]";
            var item = items[i] as JsonObject ?? [];
            var type = (string?)item["type"] ?? string.Empty;
            CheckType(type, $"{path}.type", errors);
            if (!seen.Add(type))
            {
                errors.Duplicate($"{path}.type", FieldErrors.Quote(type));
            }

            var lists = new Dictionary<string, ResourceList>(StringComparer.Ordinal);
            foreach (var field in (string[])["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"])
            {
                if (field == "maxLimitRequestRatio" && type == "PersistentVolumeClaim" && !lists["min"].ContainsKey("storage") && !lists["max"].ContainsKey("storage"))
                {
                    errors.Required($"{path}.limits", "either minimum or maximum storage value is required, but neither was provided");
                }

                lists[field] = ResourceList.Read(item[field]);
                if (type == "Pod" && field is "default" or "defaultRequest")
                {
                    if (lists[field].Count > 0)
                    {
                        errors.Forbidden($"{path}.{field}", "may not be specified when `type` is 'Pod'");
                    }

                    lists[field] = [];
                    continue;
                }

                foreach (var name in lists[field].Keys)
                {
                    var messages = type is "Pod" or "Container" ? ResourceNames.ContainerResourceNameErrors(name) : ResourceNames.ResourceNameErrors(name);
                    messages.ForEach(message => errors.Invalid($"{path}.{field}[{name}]", name, message));
                }
            }

            CheckValues(path, lists, errors);
        }

        errors.ThrowIfAny("LimitRange", string.Empty, (string?)limitRange["metadata"]?["name"] ?? string.Empty);
    }

    private static void CheckType(string type, string path, FieldErrors errors)
    {
        var messages = ResourceNames.QualifiedNameErrors(type);
        if (messages.Count == 0 && !type.Contains('/', StringComparison.Ordinal) && type is not ("Pod" or "Container" or "PersistentVolumeClaim"))
        {
            messages.Add("must be a standard limit type or fully qualified");
        }

        messages.ForEach(message => errors.Invalid(path, FieldErrors.Quote(type), message));
    }

    private static void CheckValues(string path, Dictionary<string, ResourceList> lists, FieldErrors errors)
    {
        var (max, min, limit, request, ratio) = (lists["max"], lists["min"], lists["default"], lists["defaultRequest"], lists["maxLimitRequestRatio"]);
        foreach (var name in lists.Values.SelectMany(l => l.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var hasMax = max.TryGetValue(name, out var maxValue);
            var hasMin = min.TryGetValue(name, out var minValue);
            var hasDefault = limit.TryGetValue(name, out var defaultValue);
            var hasRequest = request.TryGetValue(name, out var requestValue);
            var hasRatio = ratio.TryGetValue(name, out var ratioValue);
            void Invalid(string field, Quantity shown, string detail) => errors.Invalid($"{path}.{field}[{name}]", shown.GoSyntax(), detail);

            if (hasMin && hasMax && minValue > maxValue)
            {
                Invalid("min", minValue, $"min value {minValue} is greater than max value {maxValue}");
            }

            if (hasRequest && hasMin && minValue > requestValue)
            {
                Invalid("defaultRequest", requestValue, $"min value {minValue} is greater than default request value {requestValue}");
            }

            if (hasRequest && hasMax && requestValue > maxValue)
            {
                Invalid("defaultRequest", requestValue, $"default request value {requestValue} is greater than max value {maxValue}");
            }

            if (hasRequest && hasDefault && requestValue > defaultValue)
            {
                Invalid("defaultRequest", requestValue, $"default request value {requestValue} is greater than default limit value {defaultValue}");
            }

            if (hasDefault && hasMin && minValue > defaultValue)
            {
                Invalid("default", minValue, $"min value {minValue} is greater than default value {defaultValue}");
            }

            if (hasDefault && hasMax && defaultValue > maxValue)
            {
                Invalid("default", maxValue, $"default value {defaultValue} is greater than max value {maxValue}");
            }

            if (hasRatio && ratioValue < Quantity.FromInteger(1))
            {
                Invalid("maxLimitRequestRatio", ratioValue, $"ratio {ratioValue} is less than 1");
            }

            if (hasRatio && hasMin && hasMax)
            {
                CheckRatioAgainstRange(ratioValue, minValue, maxValue, Invalid);
            }

            if (!ResourceNames.IsOvercommitAllowed(name) && hasDefault && hasRequest && defaultValue != requestValue)
            {
                Invalid("defaultRequest", requestValue, $"default value {defaultValue} must equal to defaultRequest value {requestValue} in {name}");
            }
        }
    }

    /// <summary>A ratio larger than max/min could never be met.</summary>
    private static void CheckRatioAgainstRange(Quantity ratio, Quantity min, Quantity max, Action<string, Quantity, string> invalid)
    {
        var ratioValue = (double)ratio.Value;
        var minValue = (double)min.Value;
        var maxValue = (double)max.Value;
        if (ratio.Value < Quantity.MaxMilliValue && min.Value < Quantity.MaxMilliValue && max.Value < Quantity.MaxMilliValue)
        {
            ratioValue = (double)ratio.MilliValue / 1000;
            minValue = (double)min.MilliValue;
            maxValue = (double)max.MilliValue;
        }

        var limit = maxValue / minValue;
        if (ratioValue > limit)
        {
            invalid("maxLimitRequestRatio", ratio, $"ratio {ratio} is greater than max/min = {limit.ToString("F6", CultureInfo.InvariantCulture)}");
        }
    }
}
