using System.Diagnostics;
using System.Globalization;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Collaborative.Interop.V1;
using Collaborative.Plugins;

namespace Collaborative.Benchmarks.Gateway;

/// <summary>
/// What the host's module gateway costs a staff system: unary calls per second to a module's own service
/// made directly (the module's Unix socket, with its launch secret, as only the host could) against the
/// same calls through the host (TCP to the host, checked, forwarded to the same kind of module). Both
/// modules are the test plugin with the interop contract, started in the same run.
/// </summary>
internal static class GatewayBenchmark
{
    private static readonly Method<EchoRequest, EchoReply> Unary = GrpcTestCalls.Method<EchoRequest, EchoReply>(InteropReflection.Descriptor.Services.Single(s => s.Name == "InteropTest"), "Unary");
    private static readonly Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse> Health = GrpcTestCalls.Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>(Grpc.Health.V1.Health.Descriptor, "Check");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = GrpcTestCalls.Method<ListPluginsRequest, ListPluginsResponse>(Collaborative.Contracts.V1.Host.Descriptor, "ListPlugins");

    public static async Task<int> RunAsync(string[] args)
    {
        var concurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 32;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var root = BenchSupport.Root;
        var host = BenchSupport.Built(Path.Combine(root, "host", "Collaborative.Host"), "collab.dll");
        var plugin = BenchSupport.Built(Path.Combine(root, "tests", "Collaborative.Host.Tests.Plugin"), "Collaborative.Host.Tests.Plugin.dll");
        if (host is null || plugin is null)
        {
            Console.Error.WriteLine("Build first: dotnet build -c Release tests/Collaborative.Host.Tests (it builds the host and the test plugin).");
            return 2;
        }

        Console.WriteLine($"host: {Path.GetRelativePath(root, host)}; module: {Path.GetRelativePath(root, plugin)}");

        var work = Directory.CreateTempSubdirectory("collab-bench-gateway-").FullName;
        try
        {
            Console.WriteLine($"load average before: {BenchSupport.LoadAverage()} ({Environment.ProcessorCount} cores); {concurrency} concurrent callers, {seconds:0.#} s per row after as long a warm-up (at least 8 s)");
            double direct;
            using (var module = await LaunchedModule.StartAsync(plugin, Directory.CreateDirectory(Path.Combine(work, "direct")).FullName))
            {
                direct = await CallsPerSecondAsync(module.Channel, new Metadata { { PluginProtocol.SecretHeader, module.Secret } }, concurrency, seconds, Echo);
            }

            double gateway, own;
            await using (var running = await RunningHost.StartAsync(host, plugin, Directory.CreateDirectory(Path.Combine(work, "host")).FullName))
            {
                gateway = await CallsPerSecondAsync(running.Channel, new Metadata(), concurrency, seconds, Echo);
                own = await CallsPerSecondAsync(running.Channel, new Metadata(), concurrency, seconds, HealthCheck);
            }

            Console.WriteLine();
            BenchSupport.PrintRatioTable("unary call to a module's own service", "calls/s", "direct", "N0",
                ("direct: the module's Unix socket, with its secret (baseline)", direct),
                ("through the host's module gateway (TCP, access check, forward)", gateway),
                ("for scale: the host's own health check, one hop, no forwarding", own));
            Console.WriteLine($"load average after: {BenchSupport.LoadAverage()}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task Echo(GrpcChannel channel, CallOptions options)
    {
        var reply = await channel.UnaryAsync(Unary, new EchoRequest { Text = "ward 7 review", N = 7 }, options);
        if (reply.N != 7)
        {
            throw new InvalidOperationException("The module answered with another message.");
        }
    }

    private static async Task HealthCheck(GrpcChannel channel, CallOptions options) =>
        await channel.UnaryAsync(Health, new global::Grpc.Health.V1.HealthCheckRequest(), options);

    private static async Task<double> CallsPerSecondAsync(GrpcChannel channel, Metadata headers, int concurrency, double seconds, Func<GrpcChannel, CallOptions, Task> call)
    {
        // Warm-up: connections, and the JIT's tiering in both processes (a short one measures tier-0 code).
        await RunForAsync(TimeSpan.FromSeconds(Math.Max(8, seconds)));
        var watch = Stopwatch.StartNew();
        var calls = await RunForAsync(TimeSpan.FromSeconds(seconds));
        return calls / watch.Elapsed.TotalSeconds;

        async Task<long> RunForAsync(TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var total = 0L;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var options = new CallOptions(headers);
                var count = 0L;
                while (Stopwatch.GetTimestamp() < until)
                {
                    await call(channel, options);
                    count++;
                }

                Interlocked.Add(ref total, count);
            })));
            return total;
        }
    }

    /// <summary>The test plugin started the way the host starts a plugin: cookie, versions, secret, socket directory.</summary>
    private sealed class LaunchedModule : IDisposable
    {
        private readonly Process _process;

        private LaunchedModule(Process process, GrpcChannel channel, string secret)
        {
            _process = process;
            Channel = channel;
            Secret = secret;
        }

        public GrpcChannel Channel { get; }

        public string Secret { get; }

        public static async Task<LaunchedModule> StartAsync(string dll, string directory)
        {
            var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            start.Environment[PluginProtocol.CookieVariable] = PluginProtocol.CookieValue;
            start.Environment[PluginProtocol.ProtocolVersionsVariable] = "1";
            start.Environment[PluginProtocol.SecretVariable] = secret;
            start.Environment[PluginProtocol.SocketDirectoryVariable] = directory;
            start.Environment[PluginProtocol.DataDirectoryVariable] = directory;
            StopCounting(directory);
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var handshake = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                ?? throw new InvalidOperationException("The module printed no handshake.");
            var parts = handshake.Split('|');
            var address = parts[2] == "unix" ? "unix:" + parts[3] : "http://" + parts[3];
            return new LaunchedModule(process, Collaborative.Plugins.GrpcChannels.ForAddress(address), secret);
        }

        public void Dispose()
        {
            Channel.Dispose();
            _process.StandardInput.Close(); // the module stops when the pipe from its "host" closes
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    /// <summary>The real host, single-user on loopback, supervising the test plugin.</summary>
    private sealed class RunningHost : IAsyncDisposable
    {
        private readonly Process _process;

        private RunningHost(Process process, GrpcChannel channel)
        {
            _process = process;
            Channel = channel;
        }

        public GrpcChannel Channel { get; }

        public static async Task<RunningHost> StartAsync(string hostDll, string pluginDll, string directory)
        {
            var plugins = Directory.CreateDirectory(Path.Combine(directory, "plugins", "counter")).FullName;
            await File.WriteAllTextAsync(Path.Combine(plugins, "plugin.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = "counter", ["name"] = "Counter", ["version"] = "1.0.0", ["partnerOrganisation"] = "city-ft",
                ["appProtocolVersions"] = new[] { 1 }, ["command"] = "dotnet", ["args"] = new[] { pluginDll },
            }));
            StopCounting(Directory.CreateDirectory(Path.Combine(directory, "data", "plugins", "counter")).FullName);
            var port = Collaborative.Tests.HostProcess.FreePort();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(hostDll)!, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(hostDll);
            start.Environment["COLLABORATIVE__DATADIRECTORY"] = Path.Combine(directory, "data");
            start.Environment["COLLABORATIVE__GRPCPORT"] = port.ToString(CultureInfo.InvariantCulture);
            start.Environment["COLLABORATIVE__DASHBOARDPORT"] = "0";
            start.Environment["COLLABORATIVE__PLUGINS__DIRECTORIES__0"] = Path.Combine(directory, "plugins");
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var channel = Collaborative.Plugins.GrpcChannels.ForAddress($"http://127.0.0.1:{port}");
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    var plugin = (await channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), GrpcTestCalls.WithTimeout(TimeSpan.FromSeconds(2)))).Plugins.SingleOrDefault();
                    if (plugin?.State == "healthy")
                    {
                        return new RunningHost(process, channel);
                    }
                }
                catch (RpcException) when (DateTime.UtcNow < deadline)
                {
                }

                if (DateTime.UtcNow > deadline)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("The host's plugin did not become healthy within 90 s.");
                }

                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            _process.StandardInput.Close();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    /// <summary>The test module also counts in the background (a file write and fsync every 20 ms); the calls measured are the only work here.</summary>
    private static void StopCounting(string dataDirectory) => File.WriteAllText(Path.Combine(dataDirectory, "stop-counting"), "");
}
