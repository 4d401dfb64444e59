using System.Text;

namespace Collaborative.Plugins;

/// <summary>
/// A resumable position kept in one small file, replaced atomically (write through, fsync, rename) so a
/// crash leaves either the old cursor or the new one. The host keeps the cursor it collected up to per
/// plugin; a pushing module keeps the cursor the host acknowledged.
/// </summary>
public static class CursorFile
{
    /// <summary>The stored cursor, or null when none was stored yet.</summary>
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;

    public static void Write(string path, string cursor)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            stream.Write(Encoding.UTF8.GetBytes(cursor));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
