using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Labs.Web.Tests;

/// <summary>The platform in memory, with its embedded cluster in a temporary data directory.</summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("labs-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Cluster:DataDirectory", _dataDirectory);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Files of a pod may still be closing; the OS cleans temp folders up.
        }
    }
}
