using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The environment the kubelet gives a container (makeEnvironmentVariables): the Services' variables, then
/// <c>envFrom</c>, then <c>env</c> with its <c>valueFrom</c> sources and <c>$(VAR)</c> references; or the error that
/// keeps the container from being created (CreateContainerConfigError), in the kubelet's words.
/// </summary>
internal static class ContainerEnvironment
{
    /// <summary>The variables in the order the runtime sets them (a later one of a name wins), or the error.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Variables, string? Error) Resolve(IObjectStore store, JsonObject pod, JsonObject container)
    {
        var ns = pod.Namespace() ?? "default";
        var serviceVariables = ServiceVariables(store, pod, ns);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string value)
        {
            if (env.TryAdd(name, value))
            {
                order.Add(name);
            }
            else
            {
                env[name] = value;
            }
        }

        foreach (var source in container.Arr("envFrom").Objects())
        {
            var prefix = source.Str("prefix") ?? "";
            var (kind, reference) = source.Obj("configMapRef") is { } cm ? ("configmap", cm) : ("secret", source.Obj("secretRef"));
            if (reference is null)
            {
                continue;
            }

            var name = reference.Str("name") ?? "";
            if (Read(store, kind, ns, name) is not { } data)
            {
                if (Optional(reference))
                {
                    continue;
                }

                return ([], $"{kind} \"{name}\" not found");
            }

            foreach (var (key, value) in data)
            {
                Set(prefix + key, value);
            }
        }

        string? Lookup(string name) => env.TryGetValue(name, out var value) ? value : serviceVariables.FirstOrDefault(v => v.Key == name).Value;
        foreach (var variable in container.Arr("env").Objects())
        {
            var name = variable.Str("name") ?? "";
            if (variable["valueFrom"] is not JsonObject from)
            {
                Set(name, Expand(variable.Str("value") ?? "", Lookup));
                continue;
            }

            var (value, error) = ValueFrom(store, pod, container, ns, from);
            if (error is not null)
            {
                return ([], error);
            }

            if (value is not null)
            {
                Set(name, value);
            }
        }

        var result = new List<KeyValuePair<string, string>>(serviceVariables.Where(v => !env.ContainsKey(v.Key)));
        result.AddRange(order.Select(n => new KeyValuePair<string, string>(n, env[n])));
        return (result, null);
    }

    /// <summary>
    /// Expands <c>$(VAR)</c> references as the kubelet does in env values, commands and args: a defined variable is
    /// replaced, <c>$$</c> is a literal <c>$</c>, anything else stays as written.
    /// </summary>
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close and > 0)
            {
                var name = input[(i + 2)..close];
                output.Append(lookup(name) is { } value ? value : "$(" + name + ")");
                i = close;
            }
            else
            {
                output.Append('$').Append(next);
                i++;
            }
        }

        return output.ToString();
    }

    private static (string? Value, string? Error) ValueFrom(IObjectStore store, JsonObject pod, JsonObject container, string ns, JsonObject from)
    {
        if ((from.Obj("configMapKeyRef") ?? from.Obj("secretKeyRef")) is { } reference)
        {
            var (kind, title) = from.Obj("configMapKeyRef") is not null ? ("configmap", "ConfigMap") : ("secret", "Secret");
            var name = reference.Str("name") ?? "";
            var key = reference.Str("key") ?? "";
            if (Read(store, kind, ns, name) is not { } data)
            {
                return Optional(reference) ? (null, null) : (null, $"{kind} \"{name}\" not found");
            }

            return data.TryGetValue(key, out var value) ? (value, null)
                : Optional(reference) ? (null, null)
                : (null, $"couldn't find key {key} in {title} {ns}/{name}");
        }

        if (from.Obj("fieldRef") is { } field)
        {
            return (DownwardApi.FieldValue(pod, field.Str("fieldPath") ?? "") ?? "", null);
        }

        if (from.Obj("resourceFieldRef") is { } resource)
        {
            return (DownwardApi.ResourceValue(pod, container, resource) ?? "", null);
        }

        return (null, null);
    }

    private static Dictionary<string, string>? Read(IObjectStore store, string kind, string ns, string name)
    {
        var obj = store.Get(kind == "configmap" ? WorkloadResources.ConfigMaps : WorkloadResources.Secrets, ns, name);
        if (obj is null)
        {
            return null;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj.Obj("data") ?? [])
        {
            var text = (string?)value ?? "";
            data[key] = kind == "secret" ? Decode(text) : text;
        }

        return data;
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private static bool Optional(JsonObject reference) => reference["optional"] is JsonValue v && v.TryGetValue<bool>(out var optional) && optional;

    // getServiceEnvVarMap: the namespace's Services with a cluster IP (all of them unless enableServiceLinks is false),
    // and the API server's own Service from the default namespace, with Docker's link variables.
    private static List<KeyValuePair<string, string>> ServiceVariables(IObjectStore store, JsonObject pod, string ns)
    {
        var links = pod["spec"]?["enableServiceLinks"] is not JsonValue v || !v.TryGetValue<bool>(out var enabled) || enabled;
        var services = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (links)
        {
            foreach (var service in store.List(WorkloadResources.Services, ns).Items)
            {
                services[service.Name() ?? ""] = service;
            }
        }

        if (store.Get(WorkloadResources.Services, "default", "kubernetes") is { } api)
        {
            services["kubernetes"] = api;
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var service in services.Values.OrderBy(s => s.Name(), StringComparer.Ordinal))
        {
            var ip = service.Str("spec", "clusterIP");
            var ports = service.Arr("spec", "ports").Objects().ToList();
            if (string.IsNullOrEmpty(ip) || ip == "None" || ports.Count == 0)
            {
                continue;
            }

            var prefix = VariableName(service.Name() ?? "");
            void Add(string name, string value) => result.Add(new(name, value));
            Add(prefix + "_SERVICE_HOST", ip);
            Add(prefix + "_SERVICE_PORT", Port(ports[0]));
            foreach (var port in ports.Where(p => p.Str("name") is { Length: > 0 }))
            {
                Add(prefix + "_SERVICE_PORT_" + VariableName(port.Str("name")!), Port(port));
            }

            for (var i = 0; i < ports.Count; i++)
            {
                var protocol = ports[i].Str("protocol") ?? "TCP";
                var address = $"{protocol.ToLowerInvariant()}://{(ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip)}:{Port(ports[i])}";
                if (i == 0)
                {
                    Add(prefix + "_PORT", address);
                }

                var portPrefix = $"{prefix}_PORT_{Port(ports[i])}_{protocol.ToUpperInvariant()}";
                Add(portPrefix, address);
                Add(portPrefix + "_PROTO", protocol.ToLowerInvariant());
                Add(portPrefix + "_PORT", Port(ports[i]));
                Add(portPrefix + "_ADDR", ip);
            }
        }

        return result;
    }

    private static string Port(JsonObject port) => port["port"]?.ToString() ?? "";

    private static string VariableName(string name) => name.ToUpperInvariant().Replace('-', '_');
}
