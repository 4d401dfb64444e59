using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Collaborative.Grains.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task UnknownStorageProvider_StopsStartup_WithTheValidChoices()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Grains:Storage:Provider"] = "Postgres",
        }));

        Assert.Contains("Grains:Storage:Provider is 'Postgres'; expected one of Sqlite, PostgreSql, Memory.", error.Message);
    }

    [Fact]
    public async Task PostgreSqlWithoutConnectionString_StopsStartup_SayingWhatToSet()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Grains:Storage:Provider"] = "PostgreSql",
        }));

        Assert.Contains("Grains:Storage:ConnectionString is required when Grains:Storage:Provider is PostgreSql", error.Message);
    }

    [Fact]
    public async Task MalformedConnectionString_StopsStartup()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Grains:Storage:Provider"] = "postgresql",
            ["Grains:Storage:ConnectionString"] = "Hots=127.0.0.1",
        }));

        Assert.Contains("Grains:Storage:ConnectionString is not a valid PostgreSQL connection string", error.Message);
    }

    [Fact]
    public async Task NonPositiveResponseTimeout_StopsStartup()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Grains:Storage:Provider"] = "Memory",
            ["Grains:ResponseTimeout"] = "00:00:00",
        }));

        Assert.Contains("Grains:ResponseTimeout is 00:00:00; it must be more than zero", error.Message);
    }

    [Fact]
    public async Task SettingsFromConfiguration_ReachTheRuntime()
    {
        using var host = await StartAsync(new()
        {
            ["Grains:Storage:Provider"] = "Memory",
            ["Grains:ResponseTimeout"] = "00:00:00.300",
        });
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IFaultyGrain>("configured");

        await Assert.ThrowsAsync<TimeoutException>(() => grain.Hang("never").WaitAsync(TimeSpan.FromSeconds(10)));
        host.Services.GetRequiredService<GrainProbe>().Open("never");
        await host.StopAsync();
    }

    [Fact]
    public async Task GrainMethodThatIsNotAsynchronous_StopsStartup_NamingTheMethod()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new GrainProbe());
        builder.Services.AddGrains().AddGrainsFromAssembly(typeof(StartupValidationTests).Assembly).AddMemoryGrainStorage().AddMemoryGrainStorage("notes");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("IBadGrain.Count returns Int32", error.Message);
    }

    [Fact]
    public async Task GrainUsingAnUnregisteredStorage_StopsStartup_NamingTheStorage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new GrainProbe());
        builder.Services.AddGrains().AddGrain<INoteGrain, NoteGrain>().AddMemoryGrainStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("storage 'notes'", error.Message);
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new GrainProbe());
        TestSilo.RegisterTestGrains(builder.Services.AddGrains(builder.Configuration.GetSection("Grains"))).AddMemoryGrainStorage("notes");
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
