using Labs.Web.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddLabsPlatform();

var app = builder.Build();
app.UseLabsPlatform();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupErrors.IsUserFixable(ex))
{
    // A broken lab file or setting: say what and where, without a stack trace.
    Console.Error.WriteLine($"error: {StartupErrors.Describe(ex)}");
    return StartupErrors.ExitCode;
}

/// <summary>The web host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
