using System.Diagnostics;
using Collaborative.Contracts.V1;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// A C# module's Main: <c>return await ModuleLaunch.RunAsync(Description, environment => ...);</c>.
/// Run by hand it lets the SDK explain itself; launched by a host it opens the module's store (seeding
/// it when asked), then serves until the host stops it.
/// </summary>
public static class ModuleLaunch
{
    public static async Task<int> RunAsync(PluginDescription description, Func<ModuleEnvironment, Task<(IProgrammeModule Module, PluginServerOptions Options)>> start)
    {
        if (!ModuleEnvironment.LaunchedByHost)
        {
            return await PluginServer.ServeAsync(new UnlaunchedModule(description));
        }

        if (ModuleEnvironment.Read(Console.Error) is not { } environment)
        {
            return 1;
        }

        var opening = Stopwatch.StartNew();
        IProgrammeModule module;
        PluginServerOptions options;
        try
        {
            (module, options) = await start(environment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"{description.Id}: cannot open its store in {environment.DataDirectory}: {ex.Message}");
            return 1;
        }

        await Console.Error.WriteLineAsync($"{description.Id}: store ready in {opening.ElapsedMilliseconds} ms{(environment.SeedDemo ? " (demo data)" : "")}");
        return await PluginServer.ServeAsync(module, options);
    }
}
