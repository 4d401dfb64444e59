using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Collaborative.Benchmarks.Grains;

/// <summary>
/// Calls per second to a no-op grain method from many concurrent callers, next to the same method on a plain object
/// in the same run; and the memory an idle activation keeps. Options: --callers (64), --seconds per scenario (5),
/// --activations (100000). Last line: grain calls/s with one grain per caller, direct calls/s, bytes per idle activation.
/// </summary>
internal static class GrainCallBenchmark
{
    private const int CallsPerYield = 256;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var callers = options.Int("callers", 64);
        var duration = TimeSpan.FromSeconds(options.Double("seconds", 5));
        var activations = options.Int("activations", 100_000);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering());
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();

        var plain = new PlainNoop();
        var perCaller = Enumerable.Range(0, callers).Select(i => factory.GetGrain<INoopGrain>($"caller-{i}")).ToArray();
        var shared = factory.GetGrain<INoopGrain>("shared");

        var rows = new List<Row>();
        var direct = await MeasureAsync("direct call, plain object", callers, "-", _ => plain, duration);
        rows.Add(direct);
        rows.Add(await MeasureAsync("grain call, one grain per caller", callers, callers.ToString(CultureInfo.InvariantCulture), i => perCaller[i], duration));
        rows.Add(await MeasureAsync("grain call, all callers on one grain", callers, "1", _ => shared, duration));
        var bytesPerActivation = await MeasureIdleActivationAsync(factory, activations);
        await host.StopAsync();

        Console.WriteLine($"## grains ({Environment.ProcessorCount} cores, {callers} concurrent callers, {duration.TotalSeconds:0.#} s per row, .NET {Environment.Version})");
        Console.WriteLine();
        Console.WriteLine("| scenario | callers | grains | calls/s | vs direct | calls per CPU-second | allocated B/call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {row.Name} | {row.Callers} | {row.Grains} | {row.CallsPerSecond:N0} | {row.CallsPerSecond / direct.CallsPerSecond:0.000} | {row.CallsPerCpuSecond:N0} | {row.BytesPerCall:0.#} |"));
        }

        Console.WriteLine();
        Console.WriteLine("calls/s is wall clock and drops when other processes share the cores; calls per CPU-second counts only this");
        Console.WriteLine($"process's CPU time, so × {Environment.ProcessorCount} cores is an upper bound for an otherwise idle machine.");

        Console.WriteLine();
        Console.WriteLine("| memory | activations | bytes per idle activation |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(FormattableString.Invariant($"| idle activations of a no-op grain (directory entry, activation, grain, key) | {activations:N0} | {bytesPerActivation:N0} |"));
        Console.WriteLine();
        BenchSupport.PrintPairs([("grain_calls_per_s", rows[1].CallsPerSecond), ("direct_calls_per_s", direct.CallsPerSecond), ("bytes_per_activation", bytesPerActivation)]);
        return 0;
    }

    private static async Task<Row> MeasureAsync(string name, int callers, string grains, Func<int, INoopGrain> target, TimeSpan duration)
    {
        await RunCallersAsync(callers, target, TimeSpan.FromSeconds(1)); // warm-up: JIT tiers, activations, thread pool
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var calls = await RunCallersAsync(callers, target, duration);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Row(name, callers, grains, calls / clock.Elapsed.TotalSeconds, calls / cpu.TotalSeconds, (double)allocated / calls);
    }

    private static async Task<long> RunCallersAsync(int callers, Func<int, INoopGrain> target, TimeSpan duration)
    {
        var stop = false;
        long total = 0;
        var loops = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var grain = target(i);
            long calls = 0;
            while (!Volatile.Read(ref stop))
            {
                for (var k = 0; k < CallsPerYield; k++)
                {
                    await grain.Ping();
                }

                calls += CallsPerYield;
                await Task.Yield(); // let every caller take turns, so all of them are really concurrent
            }

            Interlocked.Add(ref total, calls);
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(loops);
        return total;
    }

    private static async Task<long> MeasureIdleActivationAsync(IGrainFactory factory, int count)
    {
        // Keys are made first so their strings count as what they are: part of each activation's identity.
        var keys = Enumerable.Range(0, count).Select(i => $"idle-{i:D7}").ToArray();
        var before = SettledHeapSize();
        const int batch = 1000;
        for (var start = 0; start < count; start += batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(batch, count - start)).Select(i => factory.GetGrain<INoopGrain>(keys[i]).Ping()));
        }

        var after = SettledHeapSize();
        var keyBytes = keys.Sum(k => 22L + (2L * k.Length)); // the key strings existed before; the activation keeps them alive
        GC.KeepAlive(keys);
        return (after - before + keyBytes) / count;
    }

    private static long SettledHeapSize()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record Row(string Name, int Callers, string Grains, double CallsPerSecond, double CallsPerCpuSecond, double BytesPerCall);
}
