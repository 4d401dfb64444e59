using Collaborative.Host.Hosting;
using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Collaborative.Host.Tests;

/// <summary>
/// The host's programme wiring in this process, as the CLI's embedded store opens it (its silo on an embedded store of
/// its own, the grains, <see cref="ProgrammeOffice"/> and <see cref="ProgrammeModules"/>), without Kestrel or plugins;
/// on an empty store, so the sample programmes are created with their history and method records.
/// </summary>
public sealed class InProcessProgramme : IAsyncLifetime
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private IHost? _host;

    public ProgrammeOffice Office => Services.GetRequiredService<ProgrammeOffice>();

    public ProgrammeModules Modules => Services.GetRequiredService<ProgrammeModules>();

    private IServiceProvider Services => (_host ?? throw new InvalidOperationException("Not started.")).Services;

    public async Task InitializeAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _root });
        builder.Configuration[$"{CollaborativeHostOptions.Section}:{nameof(CollaborativeHostOptions.DataDirectory)}"] = Path.Combine(_root, "data");
        builder.Services.AddLogging();
        builder.Services.AddOptions<CollaborativeHostOptions>().Bind(builder.Configuration.GetSection(CollaborativeHostOptions.Section));
        builder.Services.AddOptions<PluginHostOptions>().Bind(builder.Configuration.GetSection(PluginHostOptions.Section));
        builder.AddProgramme(new CollaborativeHostOptions { DataDirectory = Path.Combine(_root, "data") });
        // ProgrammeModules asks for the supervisor; never started here, it supervises nothing.
        builder.Services.AddSingleton<PluginSupervisor>();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }
}
