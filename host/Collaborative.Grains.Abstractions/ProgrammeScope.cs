namespace Collaborative.Grains.Abstractions;

/// <summary>
/// Where one programme lives among the grains: its programme grain's key, and the prefix of its goal, measure
/// and community grains' keys. A programme created in a deployment of many is keyed by its id, its other grains
/// "programmeId/localId"; the programme of a host upgraded from one programme keeps the keys it was stored under
/// (<see cref="IProgrammeGrain.LegacyKey"/>, unprefixed), so nothing it holds moves.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgrammeScope(string ProgrammeId, string GrainKey, string KeyPrefix)
{
    /// <summary>What separates the programme from the local id in a scoped key (never part of an id).</summary>
    public const char Separator = '/';

    /// <summary>A programme of a deployment of many: grain key its id, other grains "id/…".</summary>
    public static ProgrammeScope Of(string programmeId) => new(programmeId, programmeId, programmeId + Separator);

    /// <summary>The programme a single-programme host stored under the old keys, read in place.</summary>
    public static ProgrammeScope Legacy(string programmeId) => new(programmeId, IProgrammeGrain.LegacyKey, "");

    public bool IsLegacy => KeyPrefix.Length == 0;

    public string GoalKey(string goalId) => KeyPrefix + goalId;

    public string MeasureKey(string measureId) => KeyPrefix + measureId;

    public string CommunityKey(string communityId) => KeyPrefix + communityId;

    /// <summary>
    /// A goal's, measure's or community's key split into its programme grain's key, the programme's key prefix and
    /// its id in the programme: "p/x" is x of programme grain p; an unprefixed key is of the upgraded single programme.
    /// </summary>
    public static (string ProgrammeGrainKey, string KeyPrefix, string LocalId) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? (IProgrammeGrain.LegacyKey, "", key) : (key[..separator], key[..(separator + 1)], key[(separator + 1)..]);
    }
}
