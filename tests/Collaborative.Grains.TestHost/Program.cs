using Collaborative.Grains;
using Collaborative.Grains.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Storage comes from configuration, as in the product host: Grains__Storage__Provider / __ConnectionString.
// Work comes from the command line: --TestHost:Name=a --TestHost:Grain=g --TestHost:Workers=4 --TestHost:Increments=100.
// Output, one line each, flushed: READY, then "ACK <worker> <sequence> <count>" per acknowledged increment, then DONE.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
builder.Services.AddGrains(builder.Configuration.GetSection("Grains")).AddGrainsFromAssembly(typeof(SharedCounterGrain).Assembly);
var settings = builder.Configuration.GetSection("TestHost");
var name = settings["Name"] ?? "host";
var grainKey = settings["Grain"] ?? "shared";
var workers = settings.GetValue("Workers", 4);
var increments = settings.GetValue("Increments", 100);

using var host = builder.Build();
await host.StartAsync();
var factory = host.Services.GetRequiredService<IGrainFactory>();
var output = Console.Out;
output.WriteLine("READY");

var failures = 0;
await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
{
    var worker = $"{name}-{w}";
    var grain = factory.GetGrain<ISharedCounterGrain>(grainKey);
    for (long sequence = 1; sequence <= increments; sequence++)
    {
        while (true)
        {
            try
            {
                var count = await grain.Apply(worker, sequence);
                output.WriteLine($"ACK {worker} {sequence} {count}");
                break;
            }
            catch (Exception e) when (e is InconsistentStateException or TimeoutException)
            {
                // The runtime's own retries ran out under heavy contention (or the answer was lost): the increment is
                // idempotent by sequence number, so asking again is safe.
                Interlocked.Increment(ref failures);
                await Task.Delay(Random.Shared.Next(1, 20));
            }
        }
    }
})));

output.WriteLine($"DONE retried-by-caller={failures}");
await host.StopAsync();
