using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>One column of a server-side Table: its <c>columnDefinitions</c> entry and how to compute its cell.</summary>
/// <param name="Name">Header, e.g. <c>Ready</c>.</param>
/// <param name="Type">OpenAPI type: string, integer, number, boolean, date.</param>
/// <param name="Format">OpenAPI format (<c>name</c> for the name column), or empty.</param>
/// <param name="Description">Column description.</param>
/// <param name="Priority">0 always shown; 1 only with <c>-o wide</c>.</param>
/// <param name="Cell">Computes the cell from the object and the current time.</param>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
