namespace Collaborative.Host.Plugins;

/// <summary>
/// A plugin's <c>plugin.json</c>: who it is and how to reach it. Local plugins give <see cref="Command"/>
/// (+ <see cref="Args"/>), resolved against the manifest's directory; remote ones give <see cref="Address"/>.
/// <see cref="Prerequisites"/> says what the machine must have for the command to run (shown when it cannot be run).
/// </summary>
public sealed record PluginManifest(
    string Id,
    string Name,
    string Version,
    string PartnerOrganisation,
    IReadOnlyList<int> AppProtocolVersions,
    string? Command,
    IReadOnlyList<string> Args,
    string? Address,
    string? RootCertificatePath,
    IReadOnlyList<ManifestMeasure> Measures,
    IReadOnlyDictionary<string, string> Environment,
    string ManifestPath,
    string? Prerequisites = null)
{
    public string Directory => System.IO.Path.GetDirectoryName(ManifestPath)!;

    public bool IsRemote => Address is not null;
}

/// <summary>A measure a plugin says it contributes.</summary>
public sealed record ManifestMeasure(string Id, string Name, string Unit);
