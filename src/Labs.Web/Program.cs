using Labs.Web.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddLabsPlatform();

var app = builder.Build();
app.UseLabsPlatform();
await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
