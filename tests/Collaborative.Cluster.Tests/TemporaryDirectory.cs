namespace Collaborative.Cluster.Tests;

/// <summary>A data directory of a test's own, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("collab-cluster-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
