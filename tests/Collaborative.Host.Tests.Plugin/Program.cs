using Collaborative.Host.Tests.Plugin;
using Collaborative.Plugins;

var data = Environment.GetEnvironmentVariable(PluginProtocol.DataDirectoryVariable) ?? Path.GetTempPath();
var options = new PluginServerOptions
{
    ShutdownGrace = TimeSpan.FromSeconds(2),
    ParentCheckInterval = TimeSpan.FromMilliseconds(200),
};
if (Environment.GetEnvironmentVariable("TEST_PLUGIN_APP_VERSIONS") is { Length: > 0 } versions)
{
    options.AppVersions = versions.Split(',').Select(int.Parse).ToList();
}

options.AddService(new Collaborative.Interop.Tests.InteropService());
var module = new CounterModule(data, Environment.GetEnvironmentVariable("TEST_PLUGIN_ID") ?? "counter", options.Health);
if (Environment.GetEnvironmentVariable("TEST_PLUGIN_PUSH_TO") is { Length: > 0 } host)
{
    // On a partner's own infrastructure: register with the host and push, until SIGTERM.
    using var stopping = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();
    try
    {
        await ModulePusher.RunAsync(module, new ModulePushOptions
        {
            HostAddress = host,
            Token = Environment.GetEnvironmentVariable("TEST_PLUGIN_TOKEN") ?? "",
            CursorFile = Path.Combine(data, "push-cursor"),
            Interval = TimeSpan.FromMilliseconds(100),
        }, stopping.Token);
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
    }

    return 0;
}

var exitCode = await PluginServer.ServeAsync(module, options);
if (exitCode == 0)
{
    // Lets tests tell a graceful stop (Shutdown, parent gone) from a kill.
    File.WriteAllText(Path.Combine(data, "exited-cleanly"), DateTime.UtcNow.ToString("O"));
}

return exitCode;
