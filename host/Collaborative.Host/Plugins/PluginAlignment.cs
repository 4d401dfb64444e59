using Collaborative.Contracts.V1;

namespace Collaborative.Host.Plugins;

/// <summary>
/// A plugin's last alignment contribution (its findings, each with the plugin as source) and when it was taken.
/// Stale when the plugin did not answer since, or is not healthy now: its findings are kept, saying so.
/// </summary>
public sealed record PluginAlignment(string PluginId, IReadOnlyList<AlignmentFinding> Findings, DateTimeOffset TakenAt, bool Stale)
{
    /// <summary>The findings as readers see them: a stale one says when it was taken.</summary>
    public IEnumerable<AlignmentFinding> Shown() => Stale
        ? Findings.Select(f =>
        {
            var shown = f.Clone();
            shown.Why = $"{f.Why} (Reported at {TakenAt:u}; the module is not answering now.)".TrimStart();
            return shown;
        })
        : Findings;
}
