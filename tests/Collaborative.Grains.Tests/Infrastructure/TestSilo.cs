using Collaborative.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Collaborative.Grains.Tests.Infrastructure;

/// <summary>A real Generic Host running the grain runtime with the test grains, like the product host does.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();

    public GrainProbe Probe => _host.Services.GetRequiredService<GrainProbe>();

    internal GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    public IServiceProvider Services => _host.Services;

    public static async Task<TestSilo> StartAsync(Action<GrainRuntimeOptions>? options = null, Action<GrainsBuilder>? storage = null, GrainProbe? probe = null, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(probe ?? new GrainProbe());
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var grains = RegisterTestGrains(builder.Services.AddGrains());
        if (storage is null)
        {
            grains.AddMemoryGrainStorage().AddMemoryGrainStorage("notes");
        }
        else
        {
            storage(grains);
        }

        builder.Services.Configure<GrainRuntimeOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromHours(1); // tests that need collection set it
            options?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>The valid test grains (the assembly also holds deliberately invalid ones, so it is not scanned).</summary>
    public static GrainsBuilder RegisterTestGrains(GrainsBuilder grains) => grains
        .AddGrain<Grains.ICounterGrain, Grains.CounterGrain>()
        .AddGrain<Grains.ISequenceGrain, Grains.SequenceGrain>()
        .AddGrain<Grains.IReentrantGrain, Grains.ReentrantGrain>()
        .AddGrain<Grains.IRelayGrain, Grains.RelayGrain>()
        .AddGrain<Grains.IReentrantRelayGrain, Grains.ReentrantRelayGrain>()
        .AddGrain<Grains.IFaultyGrain, Grains.FaultyGrain>()
        .AddGrain<Grains.ILifecycleGrain, Grains.LifecycleGrain>()
        .AddGrain<Grains.ITickerGrain, Grains.TickerGrain>()
        .AddGrain<Grains.INoteGrain, Grains.NoteGrain>();

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
