using System.Text;

namespace Collaborative.Host.Plugins;

/// <summary>
/// The last CollectObservations cursor the host made durable, per plugin: one small file each, replaced
/// atomically (write, fsync, rename) so a crash leaves either the old cursor or the new one.
/// </summary>
public sealed class PluginCursorStore(string directory)
{
    public string? Get(string pluginId)
    {
        var path = PathFor(pluginId);
        return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
    }

    public void Set(string pluginId, string cursor)
    {
        Directory.CreateDirectory(directory);
        var path = PathFor(pluginId);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            stream.Write(Encoding.UTF8.GetBytes(cursor));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathFor(string pluginId) => Path.Combine(directory, pluginId + ".cursor");
}
