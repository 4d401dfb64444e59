using Collaborative.Plugins;

namespace Collaborative.Host.Plugins;

/// <summary>The last CollectObservations cursor the host made durable, per plugin: one <see cref="CursorFile"/> each.</summary>
public sealed class PluginCursorStore(string directory)
{
    public string? Get(string pluginId) => CursorFile.Read(PathFor(pluginId));

    public void Set(string pluginId, string cursor)
    {
        Directory.CreateDirectory(directory);
        CursorFile.Write(PathFor(pluginId), cursor);
    }

    private string PathFor(string pluginId) => Path.Combine(directory, pluginId + ".cursor");
}
