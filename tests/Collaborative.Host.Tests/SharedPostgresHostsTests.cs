using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Collaborative.Contracts.V1;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// Two host processes behind one PostgreSQL (as behind a load balancer): what a partner reports to one
/// host, a leader reads from the other, and it stays after the first host is SIGKILLed.
/// </summary>
public sealed class SharedPostgresHostsTests : IAsyncLifetime
{
    private static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = GrpcTestCalls.Method<GetGoalProgressRequest, GoalProgress>(Collaborative.Contracts.V1.Host.Descriptor, "GetGoalProgress");
    private static readonly Method<Observation, ObservationAck> Report = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");

    private readonly string _root = TestPaths.NewTemporaryDirectory();
    private string _connectionString = "";

    private string PostgresDirectory => Path.Combine(_root, "pg");

    public async Task InitializeAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (code, output, error) = await PostgresAsync("start", PostgresDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"Could not start a test PostgreSQL server (Debian 'postgresql'; tests/run.sh installs it): {error}");
        _connectionString = output.Trim();
    }

    public async Task DisposeAsync()
    {
        await PostgresAsync("stop", PostgresDirectory);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ReportedToOneHost_IsReadFromTheOther_AndSurvivesTheFirstHostsDeath()
    {
        Directory.CreateDirectory(Path.Combine(_root, "plugins"));
        var shared = new Dictionary<string, string>
        {
            ["COLLABORATIVE__GRAINS__STORAGE__PROVIDER"] = "PostgreSql",
            ["COLLABORATIVE__GRAINS__STORAGE__CONNECTIONSTRING"] = _connectionString,
        };
        var programme = Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "programme.yaml");
        await using var first = await HostProcess.StartAsync(Path.Combine(_root, "a"), Path.Combine(_root, "plugins"), programme, shared);
        await using var second = await HostProcess.StartAsync(Path.Combine(_root, "b"), Path.Combine(_root, "plugins"), programme, shared);

        // The second host reads first, so it holds an activation the first host's writes make stale.
        Assert.Empty((await second.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" })).Points);

        using (var call = first.Channel.AsyncDuplexStreamingCall(Report))
        {
            for (var month = 1; month <= 14; month++)
            {
                await call.RequestStream.WriteAsync(new Observation { Id = $"pg-{month}", MeasureId = "opioid.high-dose", Period = new DateOnly(2025, 1, 1).AddMonths(month - 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), Value = 50 + month, Source = "test" });
                Assert.True(await call.ResponseStream.MoveNext());
            }

            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext());
        }

        await WaitForPointsAsync(second, 14);
        await first.KillAsync();
        var after = await second.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" });
        Assert.Equal(Enumerable.Range(1, 14).Select(m => 50.0 + m), after.Points.Select(p => p.Value));
    }

    private static async Task WaitForPointsAsync(HostProcess host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var progress = await host.Channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = "fewer-high-dose" });
            if (progress.Points.Count == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the other host still sees {progress.Points.Count} points, not {count}");
            await Task.Delay(100);
        }
    }

    private static async Task<(int Code, string Output, string Error)> PostgresAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "tests", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
