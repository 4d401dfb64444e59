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

options.AddService(new Collaborative.Interop.Tests.InteropService(), Collaborative.Interop.Tests.InteropService.Descriptor);
var module = new CounterModule(data, Environment.GetEnvironmentVariable("TEST_PLUGIN_ID") ?? "counter", options.Health);
var exitCode = await PluginServer.ServeAsync(module, options);
if (exitCode == 0)
{
    // Lets tests tell a graceful stop (Shutdown, parent gone) from a kill.
    File.WriteAllText(Path.Combine(data, "exited-cleanly"), DateTime.UtcNow.ToString("O"));
}

return exitCode;
