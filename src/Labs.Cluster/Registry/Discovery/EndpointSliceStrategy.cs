using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Discovery;

/// <summary>EndpointSlices (discovery.k8s.io/v1): the addresses behind a Service, in slices.</summary>
internal static class EndpointSliceStrategy
{
    /// <summary>The registry entry of <c>endpointslices</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        Validate = (obj, errors) =>
        {
            if (obj["addressType"] is not JsonValue)
            {
                errors.Required("addressType", string.Empty);
            }
        },
        Columns =
        [
            NameColumn,
            Col("AddressType", "string", (o, _) => S(o, "addressType"), description: "addressType specifies the type of address carried by this EndpointSlice."),
            Col("Ports", "string", (o, _) => FirstThree(Objects(At(o, "ports")).Select(p => At(p, "port") is not null ? L(p, "port").ToString(System.Globalization.CultureInfo.InvariantCulture) : S(p, "name", "*")).ToList()),
                description: "ports specifies the list of network ports exposed by each endpoint in this slice."),
            Col("Endpoints", "string", (o, _) => FirstThree(Objects(At(o, "endpoints")).SelectMany(e => (e["addresses"] as JsonArray ?? []).Select(a => a?.ToString() ?? string.Empty)).ToList()),
                description: "endpoints is a list of unique endpoints in this slice."),
            AgeColumn,
        ],
    };

    // listWithMoreString: three items, then "+ N more...", or <unset> for none.
    private static string FirstThree(List<string> items) =>
        items.Count == 0 ? "<unset>"
        : items.Count > 3 ? $"{string.Join(',', items.Take(3))} + {items.Count - 3} more..."
        : string.Join(',', items);
}
