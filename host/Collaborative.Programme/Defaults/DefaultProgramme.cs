using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;

namespace Collaborative.Programme.Defaults;

/// <summary>
/// The programmes shipped with the host so a first run shows a living portfolio: the end-of-life programme (the
/// default) and a corporate–clinical programme sharing some of its partners. Each definition is an embedded YAML
/// file, the history a deterministic, seeded series per measure ending in the last complete period before the
/// day given.
/// </summary>
public static class DefaultProgramme
{
    public const string FileName = "default-programme.yaml";

    /// <summary>The second sample programme: corporate services and clinical teams together.</summary>
    public const string CorporateClinicalFileName = "sample-corporate-clinical.yaml";

    public const int DefaultSeed = 20231101;

    /// <summary>The YAML text of the default sample programme, e.g. for a first-run copy a programme board can edit.</summary>
    public static string Yaml() => Resource(FileName);

    /// <summary>The YAML text of the second sample programme.</summary>
    public static string CorporateClinicalYaml() => Resource(CorporateClinicalFileName);

    /// <summary>Every sample programme, the default first: what a first start creates when no file is configured.</summary>
    public static ImmutableArray<(string Yaml, string FileName)> Samples() =>
        [(Yaml(), FileName), (CorporateClinicalYaml(), CorporateClinicalFileName)];

    private static string Resource(string fileName)
    {
        var name = "Collaborative.Programme.Defaults." + fileName;
        using var stream = typeof(DefaultProgramme).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ProgrammeDefinition Load() => YamlProgrammeLoader.Load(Yaml(), FileName);

    /// <summary>Plausible history for every measure of a sample programme, up to the last complete period before <paramref name="asOf"/>.</summary>
    public static ImmutableArray<MeasureObservation> History(ProgrammeDefinition programme, DateOnly asOf, int seed = DefaultSeed) =>
        DefaultProgrammeHistory.Generate(programme, asOf, seed);

    public static ObservationLedger Ledger(ProgrammeDefinition programme, DateOnly asOf, int seed = DefaultSeed) =>
        ObservationLedger.From(History(programme, asOf, seed));
}
