using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Networking;

/// <summary>The networking.k8s.io/v1 group (pkg/registry/networking): Ingresses, IngressClasses and NetworkPolicies.</summary>
internal static class NetworkingStrategies
{
    private const string Group = "networking.k8s.io";
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    /// <summary>The registry entry of <c>ingresses</c>.</summary>
    public static ResourceStrategy Ingresses { get; } = new(new ResourceDefinition(
        Group, "v1", "ingresses", "ingress", "Ingress", true, ["ing"], [], ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        Validate = ValidateIngress,
        Columns =
        [
            NameColumn,
            Col("Class", "string", (o, _) => S(o, "spec.ingressClassName", None), description: "The name of the IngressClass resource that should be used for additional configuration"),
            Col("Hosts", "string", (o, _) => Hosts(o), description: "Hosts that incoming requests are matched against before the ingress rule"),
            Col("Address", "string", (o, _) => string.Join(',', Objects(At(o, "status.loadBalancer.ingress")).Select(i => S(i, "ip", S(i, "hostname"))).Where(a => a.Length > 0).Distinct()),
                description: "Address is a list containing ingress points for the load-balancer"),
            Col("Ports", "string", (o, _) => Count(At(o, "spec.tls")) > 0 ? "80, 443" : "80", description: "Ports of TLS configurations that open"),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of <c>ingressclasses</c>.</summary>
    public static ResourceStrategy IngressClasses { get; } = new(new ResourceDefinition(
        Group, "v1", "ingressclasses", "ingressclass", "IngressClass", false, [], [], ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        Validate = (obj, errors) =>
        {
            if (obj["spec"]?["controller"] is not JsonValue)
            {
                errors.Required("spec.controller", string.Empty);
            }
        },
        Columns =
        [
            NameColumn,
            Col("Controller", "string", (o, _) => S(o, "spec.controller"), description: "Controller that is responsible for handling this class"),
            Col("Parameters", "string", (o, _) => Parameters(o), description: "A reference to a resource with additional parameters"),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of <c>networkpolicies</c>.</summary>
    public static ResourceStrategy NetworkPolicies { get; } = new(new ResourceDefinition(
        Group, "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ["netpol"], [], ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        Defaults = ObjectDefaults.ApplyNetworkPolicy,
        Columns =
        [
            NameColumn,
            Col("Pod-Selector", "string", (o, _) => SelectorText(At(o, "spec.podSelector")), description: "podSelector selects the pods to which this NetworkPolicy object applies."),
            AgeColumn,
        ],
    };

    private static void ValidateIngress(JsonObject obj, FieldErrors errors)
    {
        var rules = obj["spec"]?["rules"] as JsonArray ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var paths = rules[i]?["http"]?["paths"] as JsonArray ?? [];
            for (var j = 0; j < paths.Count; j++)
            {
                var at = $"spec.rules[{i}].http.paths[{j}]";
                var pathType = paths[j]?["pathType"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
                var path = paths[j]?["path"] is JsonValue p && p.TryGetValue<string>(out var value) ? value : string.Empty;
                if (pathType is null)
                {
                    errors.Required($"{at}.pathType", "pathType must be specified");
                }
                else if (!PathTypes.Contains(pathType, StringComparer.Ordinal))
                {
                    errors.Causes.Add(("FieldValueNotSupported", $"{at}.pathType",
                        $"Unsupported value: {FieldErrors.Quote(pathType)}: supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\""));
                }
                else if (pathType is "Exact" or "Prefix" && !path.StartsWith('/'))
                {
                    errors.Invalid($"{at}.path", FieldErrors.Quote(path), "must be an absolute path");
                }
            }
        }
    }

    // formatHosts: the first three hosts, then "+ N more...", or * when no rule names one.
    private static string Hosts(JsonObject o)
    {
        var rules = Objects(At(o, "spec.rules")).ToList();
        var hosts = rules.Take(3).Select(r => S(r, "host")).Where(h => h.Length > 0).ToList();
        if (hosts.Count == 0)
        {
            return "*";
        }

        var text = string.Join(',', hosts);
        return rules.Count > 3 ? $"{text} + {rules.Count - 3} more..." : text;
    }

    private static string Parameters(JsonObject o)
    {
        if (At(o, "spec.parameters") is not JsonObject parameters)
        {
            return None;
        }

        var kind = S(parameters, "kind");
        if (S(parameters, "apiGroup") is { Length: > 0 } group)
        {
            kind += "." + group;
        }

        return $"{kind}/{S(parameters, "name")}";
    }
}
