using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// ValidateService (pkg/apis/core/validation) for the mistakes people make by hand: no ports, unnamed or duplicate
/// ports of a multi-port service, ports out of range, an unknown type or protocol, a node port on a ClusterIP service or
/// outside the node port range, an ExternalName service without its name.
/// </summary>
internal static class ServiceValidation
{
    private const string PortRange = "must be between 1 and 65535, inclusive";

    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    /// <summary>Adds the causes of a Service the real API server refuses. Missing type and protocols count as their defaults.</summary>
    public static void Check(JsonObject service, FieldErrors errors)
    {
        var spec = service["spec"] as JsonObject ?? [];
        var type = S(spec, "type", "ClusterIP");
        var ports = Objects(spec["ports"]).ToList();
        var headless = S(spec, "clusterIP") == "None";
        if (ports.Count == 0 && !headless && type != "ExternalName")
        {
            errors.Required("spec.ports", "");
        }

        if (type == "ExternalName" && S(spec, "externalName").TrimEnd('.').Length == 0)
        {
            errors.Required("spec.externalName", "");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            CheckPort(ports[i], $"spec.ports[{i}]", ports.Count > 1, names, errors);
        }

        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            errors.NotSupported("spec.type", type, Types);
        }

        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = L(ports[i], "nodePort");
            if (nodePort == 0)
            {
                continue;
            }

            if (type == "ClusterIP")
            {
                errors.Forbidden($"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'");
            }
            else if (nodePort is < 30000 or > 32767)
            {
                // The node port allocator's refusal (kube-apiserver's default --service-node-port-range).
                errors.Invalid($"spec.ports[{i}].nodePort", Number(nodePort),
                    "provided port is not in the valid range. The range of valid ports is 30000-32767");
            }
        }
    }

    /// <summary>
    /// ValidateServiceUpdate's rule for cluster IPs: they may not change once set (other than to or from ExternalName, or
    /// between headless forms). A new clusterIP with the old clusterIPs counts as a new first address, as the strategy's
    /// NormalizeClusterIPs reads it; a missing one keeps the old addresses.
    /// </summary>
    public static void CheckUpdate(JsonObject service, JsonObject old, FieldErrors errors)
    {
        var spec = service["spec"] as JsonObject ?? [];
        var was = old["spec"] as JsonObject ?? [];
        if (S(spec, "type", "ClusterIP") == "ExternalName" || S(was, "type", "ClusterIP") == "ExternalName"
            || (S(spec, "clusterIP") == "None" && S(was, "clusterIP") == "None") || S(spec, "clusterIP").Length == 0)
        {
            return;
        }

        var oldIps = Strings(was["clusterIPs"]);
        var newIps = Strings(spec["clusterIPs"]);
        if (S(spec, "clusterIP") != S(was, "clusterIP") && (newIps.Count == 0 || newIps.SequenceEqual(oldIps)))
        {
            newIps = [S(spec, "clusterIP")];
        }

        if (newIps.Count != oldIps.Count)
        {
            return;
        }

        var shown = "[]string{" + string.Join(", ", newIps.Select(FieldErrors.Quote)) + "}";
        for (var i = 0; i < oldIps.Count; i++)
        {
            if (oldIps[i] != newIps[i])
            {
                errors.Invalid($"spec.clusterIPs[{i}]", shown, "may not change once set");
            }
        }
    }

    private static List<string> Strings(JsonNode? array) =>
        array is JsonArray items ? [.. items.Select(i => i?.ToString() ?? "")] : [];

    private static void CheckPort(JsonObject port, string path, bool nameRequired, HashSet<string> names, FieldErrors errors)
    {
        var name = S(port, "name");
        if (nameRequired && name.Length == 0)
        {
            errors.Required(path + ".name", "");
        }
        else if (name.Length > 0)
        {
            if (name.Length > 63)
            {
                errors.Invalid(path + ".name", FieldErrors.Quote(name), "must be no more than 63 characters");
            }

            if (!ObjectValidation.IsDnsLabel(name))
            {
                errors.Invalid(path + ".name", FieldErrors.Quote(name), ObjectValidation.LabelMessage);
            }

            if (!names.Add(name))
            {
                errors.Duplicate(path + ".name", FieldErrors.Quote(name));
            }
        }

        var number = L(port, "port");
        if (number is < 1 or > 65535)
        {
            errors.Invalid(path + ".port", Number(number), PortRange);
        }

        var protocol = S(port, "protocol", "TCP");
        if (!Protocols.Contains(protocol, StringComparer.Ordinal))
        {
            errors.NotSupported(path + ".protocol", protocol, Protocols);
        }

        if (port["targetPort"] is JsonValue target && target.TryGetValue<long>(out var targetNumber) && targetNumber is < 0 or > 65535)
        {
            errors.Invalid(path + ".targetPort", Number(targetNumber), PortRange);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
