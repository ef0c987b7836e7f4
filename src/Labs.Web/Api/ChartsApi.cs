using Labs.Content;
using Labs.Content.Charts;

namespace Labs.Web.Api;

/// <summary>
/// The lab library's Helm chart repository on the platform's own address (<c>/charts/index.yaml</c> and the charts'
/// archives), open to anyone as a public chart repository is: on a real cluster, point <c>Sessions:ChartRepository</c>
/// at it as the toolbox pods reach the platform.
/// </summary>
internal static class ChartsApi
{
    public static IEndpointRouteBuilder MapChartsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ChartRepository.UrlPath + "{file}", [HttpMethods.Get, HttpMethods.Head], (string file, LabCatalog catalog) =>
                catalog.Charts.TryGetFile(file, out var content, out var type)
                    ? Results.Bytes(content, type)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"The chart repository has no file '{file}'."))
            .AllowAnonymous()
            .WithTags("Charts");
        return endpoints;
    }
}
