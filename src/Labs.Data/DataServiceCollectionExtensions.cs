using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Labs.Data;

/// <summary>Registers the platform's database.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DataOptions"/> (section <c>Data</c>), the <see cref="LabsDbContextFactory"/> (also as
    /// <see cref="IDbContextFactory{TContext}"/> of <see cref="LabsDbContext"/>), <see cref="ProgressQueries"/>, and
    /// the migration at start-up. <paramref name="defaultDirectory"/> gives the directory of the default SQLite file.
    /// </summary>
    public static IServiceCollection AddLabsData(this IServiceCollection services, Func<IServiceProvider, string> defaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(defaultDirectory);
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IConfigureOptions<DataOptions>>(sp =>
            new PostConfigureDefaultDirectory(() => defaultDirectory(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataOptions>, DataOptionsValidator>());
        services.TryAddSingleton<LabsDbContextFactory>();
        services.TryAddSingleton<IDbContextFactory<LabsDbContext>>(sp => sp.GetRequiredService<LabsDbContextFactory>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProgressQueries>();
        services.TryAddSingleton<ProgressRecorder>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private sealed class PostConfigureDefaultDirectory(Func<string> directory) : IConfigureOptions<DataOptions>
    {
        public void Configure(DataOptions options) => options.DefaultDirectory ??= directory();
    }
}
