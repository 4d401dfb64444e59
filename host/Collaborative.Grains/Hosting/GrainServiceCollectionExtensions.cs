using Collaborative.Grains.Hosting;
using Collaborative.Grains.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Collaborative.Grains;

/// <summary>Wires the grain runtime into a host: <c>services.AddGrains(configuration.GetSection("Grains")).AddGrain&lt;I, C&gt;()</c>.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime (as <see cref="IGrainFactory"/> and a hosted service that collects idle activations and
    /// deactivates everything on shutdown) and a <c>"Default"</c> storage chosen by <see cref="GrainStorageOptions"/>.
    /// Options are bound from <paramref name="configuration"/> (the <c>Grains</c> section; storage from its
    /// <c>Storage</c> child) and validated when the host starts.
    /// </summary>
    public static GrainsBuilder AddGrains(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var runtimeOptions = services.AddOptions<GrainRuntimeOptions>().ValidateOnStart();
        var storageOptions = services.AddOptions<GrainStorageOptions>().ValidateOnStart();
        if (configuration is not null)
        {
            runtimeOptions.Bind(configuration);
            storageOptions.Bind(configuration.GetSection("Storage"));
        }

        var registry = services.LastOrDefault(d => d.ServiceType == typeof(GrainRegistry))?.ImplementationInstance as GrainRegistry;
        if (registry is null)
        {
            registry = new GrainRegistry();
            services.AddSingleton(registry);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainStorageOptions>, GrainStorageOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<GrainRuntime>();
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
            services.AddHostedService(sp => sp.GetRequiredService<GrainRuntime>());
            services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, static (sp, _) => CreateDefaultStorage(sp));
        }

        return new GrainsBuilder(services, registry);
    }

    /// <summary>Adds in-memory storage under <paramref name="name"/>. For tests only: state is lost on exit.</summary>
    public static GrainsBuilder AddMemoryGrainStorage(this GrainsBuilder builder, string name = PersistentStateAttribute.DefaultStorageName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, static (_, _) => new Storage.Memory.MemoryGrainStorage());
        return builder;
    }

    /// <summary>Adds SQLite storage under <paramref name="name"/> (file created on first use, WAL, synchronous=FULL).</summary>
    public static GrainsBuilder AddSqliteGrainStorage(this GrainsBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = new SqliteConnectionStringBuilder(connectionString); // reject a malformed string at registration
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => CreateSqlite(sp, connectionString));
        return builder;
    }

    /// <summary>Adds PostgreSQL storage under <paramref name="name"/>: compare-and-set writes, and LISTEN/NOTIFY so
    /// hosts sharing the database drop activations whose state another host changed.</summary>
    public static GrainsBuilder AddPostgresGrainStorage(this GrainsBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => CreatePostgres(sp, connectionString));
        return builder;
    }

    private static IGrainStorage CreateDefaultStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GrainStorageOptions>>().Value;
        if (string.Equals(options.Provider, GrainStorageOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            return CreatePostgres(services, options.ConnectionString!);
        }

        if (string.Equals(options.Provider, GrainStorageOptions.Memory, StringComparison.OrdinalIgnoreCase))
        {
            Logger(services).LogWarning("Grain storage is in memory: all grain state is lost when this process exits. Use it for tests only.");
            return new Storage.Memory.MemoryGrainStorage();
        }

        return CreateSqlite(services, options.ConnectionString ?? "Data Source=grains.db");
    }

    private static Storage.Sqlite.SqliteGrainStorage CreateSqlite(IServiceProvider services, string connectionString)
    {
        // A relative file lives under the content root, like appsettings.json, not wherever the process was started.
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } path && path != ":memory:"
            && !Path.IsPathRooted(path) && services.GetService<IHostEnvironment>()?.ContentRootPath is { } root)
        {
            builder.DataSource = Path.Combine(root, path);
        }

        return new Storage.Sqlite.SqliteGrainStorage(builder.ToString());
    }

    private static Storage.PostgreSql.PostgresGrainStorage CreatePostgres(IServiceProvider services, string connectionString)
    {
        var runtime = services.GetRequiredService<GrainRuntime>();
        return new Storage.PostgreSql.PostgresGrainStorage(
            connectionString,
            runtime.HostId,
            id => runtime.InvalidateActivation(id, "Another host changed this grain's stored state."),
            () => runtime.InvalidateAllActivations("Grain state notifications from other hosts may have been missed."),
            Logger(services));
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Collaborative.Grains.Storage") ?? NullLogger.Instance;
}
