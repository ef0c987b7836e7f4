using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// ValidateConfigMap, ValidateSecret and their updates (pkg/apis/core/validation): key syntax, the keys each Secret type
/// requires, an immutable type, and the <c>immutable</c> flag that freezes the data.
/// </summary>
internal static class ConfigValidation
{
    private const string Frozen = "field is immutable when `immutable` is set";

    private static readonly string KeyMessage = LabelRules.RegexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name");

    /// <summary>The keys of <c>data</c> and <c>binaryData</c> are config keys, and no key is in both.</summary>
    public static void ConfigMap(JsonObject cm, FieldErrors errors)
    {
        var data = cm["data"] as JsonObject;
        var binary = cm["binaryData"] as JsonObject;
        foreach (var (key, _) in data ?? [])
        {
            CheckKey("data", key, errors);
            if (binary?.ContainsKey(key) == true)
            {
                errors.Invalid($"data[{key}]", FieldErrors.Quote(key), "duplicate of key present in binaryData");
            }
        }

        foreach (var (key, _) in binary ?? [])
        {
            CheckKey("binaryData", key, errors);
            if (data?.ContainsKey(key) == true)
            {
                errors.Invalid($"binaryData[{key}]", FieldErrors.Quote(key), "duplicate of key present in data");
            }
        }
    }

    /// <summary>An immutable ConfigMap keeps its data and its flag.</summary>
    public static void ConfigMapUpdate(JsonObject cm, JsonObject old, FieldErrors errors) =>
        CheckFrozen(cm, old, errors, "data", "binaryData");

    /// <summary>Config keys, and the keys the Secret's type requires.</summary>
    public static void Secret(JsonObject secret, FieldErrors errors)
    {
        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, _) in data)
        {
            CheckKey("data", key, errors);
        }

        switch ((string?)secret["type"])
        {
            case "kubernetes.io/service-account-token":
                if (secret["metadata"]?["annotations"]?["kubernetes.io/service-account.name"]?.ToString() is not { Length: > 0 })
                {
                    errors.Required("metadata.annotations[kubernetes.io/service-account.name]", "");
                }

                break;
            case "kubernetes.io/dockercfg":
                CheckJsonKey(data, ".dockercfg", errors);
                break;
            case "kubernetes.io/dockerconfigjson":
                CheckJsonKey(data, ".dockerconfigjson", errors);
                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    errors.Required("data[username]", "");
                    errors.Required("data[password]", "");
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (Decoded(data, "ssh-privatekey") is not { Length: > 0 })
                {
                    errors.Required("data[ssh-privatekey]", "");
                }

                break;
            case "kubernetes.io/tls":
                foreach (var key in (string[])["tls.crt", "tls.key"])
                {
                    if (!data.ContainsKey(key))
                    {
                        errors.Required($"data[{key}]", "");
                    }
                }

                break;
        }
    }

    /// <summary>A Secret's type never changes, and an immutable Secret keeps its data and its flag.</summary>
    public static void SecretUpdate(JsonObject secret, JsonObject old, FieldErrors errors)
    {
        var type = (string?)secret["type"] ?? "Opaque";
        if (type != ((string?)old["type"] ?? "Opaque"))
        {
            errors.Invalid("type", FieldErrors.Quote(type), "field is immutable");
        }

        CheckFrozen(secret, old, errors, "data");
    }

    private static void CheckFrozen(JsonObject obj, JsonObject old, FieldErrors errors, params string[] fields)
    {
        if (old["immutable"] is not JsonValue was || !was.TryGetValue<bool>(out var frozen) || !frozen)
        {
            return;
        }

        if (obj["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var still) || !still)
        {
            errors.Forbidden("immutable", Frozen);
        }

        foreach (var field in fields)
        {
            if (!JsonNode.DeepEquals(Empty(obj[field]), Empty(old[field])))
            {
                errors.Forbidden(field, Frozen);
            }
        }
    }

    // Go's reflect.DeepEqual of two maps: a missing map and an empty one differ only in ways the API never shows.
    private static JsonNode? Empty(JsonNode? map) => map is JsonObject { Count: 0 } ? null : map;

    private static void CheckKey(string bag, string key, FieldErrors errors)
    {
        var problems = new List<string>();
        if (key.Length > 253)
        {
            problems.Add("must be no more than 253 characters");
        }

        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            problems.Add(KeyMessage);
        }

        if (key == ".")
        {
            problems.Add("must not be '.'");
        }
        else if (key == "..")
        {
            problems.Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            problems.Add("must not start with '..'");
        }

        foreach (var problem in problems)
        {
            errors.Invalid($"{bag}[{key}]", FieldErrors.Quote(key), problem);
        }
    }

    private static void CheckJsonKey(JsonObject data, string key, FieldErrors errors)
    {
        if (!data.ContainsKey(key))
        {
            errors.Required($"data[{key}]", "");
            return;
        }

        try
        {
            // encoding/json's words for a document that is not an object (null unmarshals into a map without error).
            var kind = JsonNode.Parse(Decoded(data, key) ?? []) switch
            {
                null or JsonObject => null,
                JsonArray => "array",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => "number",
                _ => "bool",
            };
            if (kind is not null)
            {
                errors.Invalid($"data[{key}]", "\"<secret contents redacted>\"", $"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}");
            }
        }
        catch (JsonException e)
        {
            errors.Invalid($"data[{key}]", "\"<secret contents redacted>\"", "the contents are not well-formed JSON: " + e.Message);
        }
    }

    private static byte[]? Decoded(JsonObject data, string key)
    {
        try
        {
            return data[key] is JsonValue v && v.TryGetValue<string>(out var text) ? Convert.FromBase64String(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
