using System.Globalization;

namespace Labs.Cluster.Schema;

/// <summary>
/// Reads the compact type-model text used in <c>Schema/Types</c>. One line per type or field:
/// <code>
/// P core.v1                                     package for the types that follow (io.… written out in full)
/// T Pod gvk=/v1/Pod | description               a type ("open": not fully modelled; "list": JSON is its one list;
///                                               "any": any JSON value, as apiextensions' JSON)
///   spec 2 PodSpec * | description             name, protobuf number, type, flags
/// </code>
/// Types: <c>s i32 i64 b f64 bytes time mtime dur q ios raw fv1</c> or a message name (bare = same package,
/// <c>meta.X</c>, <c>core.v1.X</c>). Prefix <c>[]</c> for a list, <c>{}</c> for a map keyed by string.
/// Flags: <c>*</c> Go pointer (zero kept), <c>^</c> inline (embedded struct), <c>!</c> required, <c>!schema</c> required in
/// OpenAPI only (the Go zero value is accepted when it is missing), <c>mk=key</c> merge key, <c>ps=strategy</c> patch strategy.
/// </summary>
internal static class TypeModelParser
{
    private const string MetaPrefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    public static void Parse(string text, string source, Dictionary<string, TypeDefinition> into)
    {
        string package = "";
        TypeDefinition? current = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string description = "";
            int bar = line.IndexOf(" | ", StringComparison.Ordinal);
            if (bar >= 0)
            {
                description = line[(bar + 3)..].Trim();
                line = line[..bar].Trim();
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            try
            {
                switch (parts[0])
                {
                    case "P":
                        package = parts[1];
                        break;
                    case "T":
                        current = ParseType(parts, package, description);
                        if (!into.TryAdd(current.Name, current))
                        {
                            throw new FormatException($"type {current.Name} is declared twice");
                        }

                        break;
                    default:
                        if (current is null)
                        {
                            throw new FormatException("field before any type");
                        }

                        current.Add(ParseField(parts, package, description));
                        break;
                }
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Type model {source} line {lineNumber}: {e.Message} in '{rawLine.Trim()}'.", e);
            }
        }
    }

    public static string Qualify(string name, string package)
    {
        if (name.StartsWith("meta.", StringComparison.Ordinal))
        {
            return MetaPrefix + name[5..];
        }

        return name.Contains('.', StringComparison.Ordinal) ? "io.k8s.api." + name : PackagePrefix(package) + name;
    }

    // Packages outside k8s.io/api (apiextensions-apiserver's) are written out in full.
    private static string PackagePrefix(string package) =>
        package == "meta" ? MetaPrefix : package.StartsWith("io.", StringComparison.Ordinal) ? package + "." : "io.k8s.api." + package + ".";

    private static TypeDefinition ParseType(string[] parts, string package, string description)
    {
        bool any = parts.Contains("any");
        bool open = any || parts.Contains("open");
        var type = new TypeDefinition(PackagePrefix(package) + parts[1], open, description)
        {
            IsListWrapper = parts.Contains("list"),
            IsAnyValue = any,
        };
        string? gvk = parts.FirstOrDefault(p => p.StartsWith("gvk=", StringComparison.Ordinal));
        if (gvk is not null)
        {
            string[] g = gvk[4..].Split('/');
            type.Group = g[0];
            type.Version = g[1];
            type.Kind = g[2];
        }

        return type;
    }

    private static FieldDefinition ParseField(string[] parts, string package, string description)
    {
        string name = parts[0];
        int number = int.Parse(parts[1], CultureInfo.InvariantCulture);
        string typeToken = parts[2];
        bool repeated = typeToken.StartsWith("[]", StringComparison.Ordinal);
        bool isMap = typeToken.StartsWith("{}", StringComparison.Ordinal);
        if (repeated || isMap)
        {
            typeToken = typeToken[2..];
        }

        (FieldKind kind, string? reference) = typeToken switch
        {
            "s" => (FieldKind.Text, (string?)null),
            "i32" => (FieldKind.Number32, null),
            "i64" => (FieldKind.Number64, null),
            "b" => (FieldKind.Flag, null),
            "f64" => (FieldKind.Real, null),
            "bytes" => (FieldKind.Bytes, null),
            "time" => (FieldKind.Time, null),
            "mtime" => (FieldKind.MicroTime, null),
            "dur" => (FieldKind.Duration, null),
            "q" => (FieldKind.Quantity, null),
            "ios" => (FieldKind.IntOrString, null),
            "raw" => (FieldKind.RawExtension, null),
            "fv1" => (FieldKind.FieldsV1, null),
            _ => (FieldKind.Message, Qualify(typeToken, package)),
        };

        string? mergeKey = null;
        string? strategy = null;
        bool pointer = false;
        bool required = false;
        bool schemaOnly = false;
        bool inline = false;
        foreach (string flag in parts.Skip(3))
        {
            if (flag == "*")
            {
                pointer = true;
            }
            else if (flag == "^")
            {
                inline = true;
            }
            else if (flag == "!")
            {
                required = true;
            }
            else if (flag == "!schema")
            {
                required = true;
                schemaOnly = true;
            }
            else if (flag.StartsWith("mk=", StringComparison.Ordinal))
            {
                mergeKey = flag[3..];
            }
            else if (flag.StartsWith("ps=", StringComparison.Ordinal))
            {
                strategy = flag[3..];
            }
            else
            {
                throw new FormatException($"unknown flag '{flag}'");
            }
        }

        return new FieldDefinition(name, number, kind, reference, repeated, isMap, pointer, inline, required, mergeKey, strategy, description)
        {
            RequiredInSchemaOnly = schemaOnly,
        };
    }
}
