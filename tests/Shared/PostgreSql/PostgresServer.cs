using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Collaborative.Tests.PostgreSql;

/// <summary>
/// Starts a throwaway PostgreSQL (tests/postgres.sh) on a free loopback port for the tests of the
/// <see cref="PostgresCollection"/>, and removes it afterwards. A missing server fails the tests; it never skips them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "collab-pg-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = "";

    public TimeSpan StartupTime { get; private set; }

    internal static string RepositoryRoot => Metadata("RepositoryRoot");

    internal static string TestHostPath => Metadata("TestHostPath");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        ConnectionString = await PostgresScript.StartAsync(RepositoryRoot, _directory, FreeLoopbackPort()) + ";Pooling=true;Maximum Pool Size=20";
        StartupTime = clock.Elapsed;
    }

    public async Task DisposeAsync() => await PostgresScript.StopAsync(RepositoryRoot, _directory);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Metadata(string key) =>
        typeof(PostgresServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
