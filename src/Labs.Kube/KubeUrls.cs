using System.Text;

namespace Labs.Kube;

/// <summary>Builds API paths: <c>/api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]</c> and <c>/apis/G/V/...</c>.</summary>
internal static class KubeUrls
{
    /// <summary>The path of a collection or object, without the server's base URL.</summary>
    /// <exception cref="ArgumentException">A namespaced object was addressed without a namespace, or a name is empty.</exception>
    public static string Path(ResourceType type, string? ns, string? name = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var path = new StringBuilder(type.Group.Length == 0 ? "/api/" : $"/apis/{Escape(type.Group)}/");
        path.Append(Escape(type.Version));
        if (type.Namespaced && !string.IsNullOrEmpty(ns))
        {
            path.Append("/namespaces/").Append(Escape(ns));
        }
        else if (type.Namespaced && name is not null)
        {
            throw new ArgumentException($"{type.Kind} '{name}' is namespaced; a namespace is required.", nameof(ns));
        }

        path.Append('/').Append(Escape(type.Plural));
        if (name is not null)
        {
            if (name.Length == 0)
            {
                throw new ArgumentException($"The name of the {type.Kind} is empty.", nameof(name));
            }

            path.Append('/').Append(Escape(name));
            if (!string.IsNullOrEmpty(subresource))
            {
                path.Append('/').Append(Escape(subresource));
            }
        }

        return path.ToString();
    }

    /// <summary>Joins the server's base URL (which may carry a path prefix), a path and query parameters.</summary>
    public static Uri Build(Uri server, string path, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var url = new StringBuilder(server.GetLeftPart(UriPartial.Path).TrimEnd('/')).Append(path);
        var separator = '?';
        foreach (var (key, value) in query ?? [])
        {
            if (value is null)
            {
                continue;
            }

            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(url.ToString());
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
