using System.Globalization;
using System.Runtime.InteropServices;
using Collaborative.EchoServer;

// Load-test echo server: `dotnet run -c Release --project tests/bench/Collaborative.EchoServer -- PORT [--raw]`.
// Serves bench.Echo/Unary on 127.0.0.1:PORT (h2c; 0 = a free port) and prints "LISTENING <port>" when ready.
// Served by Grpc.AspNetCore; --raw serves the same path with bare Kestrel (the baseline in tests/bench/transport.sh).
var raw = args.Contains("--raw");
var portText = args.Where(a => a != "--raw").ToArray();
if (portText.Length != 1 || !int.TryParse(portText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
{
    Console.Error.WriteLine("usage: Collaborative.EchoServer PORT [--raw]");
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

IAsyncDisposable server;
int bound;
if (raw)
{
    var kestrel = await RawKestrelEcho.StartAsync(port);
    (server, bound) = (kestrel, kestrel.Port);
}
else
{
    var grpc = await GrpcEcho.StartAsync(port);
    (server, bound) = (grpc, grpc.Port);
}

Console.WriteLine($"LISTENING {bound}");
await stop.Task;
await server.DisposeAsync();
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // Shut down cleanly instead of the runtime's default exit.
    stop.TrySetResult();
}
