using Collaborative.Grains.Storage.Sqlite;
using Collaborative.Grains.Tests.Grains;
using Collaborative.Grains.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Collaborative.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteGrainStorage _storage;

    public SqliteGrainStorageTests()
    {
        _storage = new SqliteGrainStorage($"Data Source={Path.Combine(_directory.Path, "contract.db")}");
    }

    protected override IGrainStorage Storage => _storage;

    public void Dispose()
    {
        _storage.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task FirstRun_WithDefaultSettings_CreatesTheDatabaseInWalMode_UnderTheContentRoot()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = _directory.Path,
        });
        builder.Services.AddSingleton(new GrainProbe());
        TestSilo.RegisterTestGrains(builder.Services.AddGrains(builder.Configuration.GetSection("Grains"))).AddMemoryGrainStorage("notes");
        var file = Path.Combine(_directory.Path, "grains.db");
        Assert.False(File.Exists(file));

        using (var host = builder.Build())
        {
            await host.StartAsync();
            Assert.True(File.Exists(file)); // created at start-up, before any call
            Assert.Equal(1, await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("c").Increment());
            await host.StopAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = 'CounterGrain' AND grain_key = 'c'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task State_SurvivesAHostRestart()
    {
        var database = $"Data Source={Path.Combine(_directory.Path, "nested", "dir", "grains.db")}";
        void Sqlite(GrainsBuilder grains) => grains.AddSqliteGrainStorage("Default", database).AddSqliteGrainStorage("notes", database);

        await using (var silo = await TestSilo.StartAsync(storage: Sqlite))
        {
            await silo.Factory.GetGrain<INoteGrain>("n").Write("kept across restarts");
            Assert.Equal(2, await silo.Factory.GetGrain<INoteGrain>("n").Increment() + 1);
        }

        await using var restarted = await TestSilo.StartAsync(storage: Sqlite);
        Assert.Equal("kept across restarts", await restarted.Factory.GetGrain<INoteGrain>("n").Read());
        Assert.Equal(2, await restarted.Factory.GetGrain<INoteGrain>("n").Increment());
    }
}
