using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;

namespace Collaborative.Programme.Defaults;

/// <summary>
/// The programme shipped with the host so a first run shows a living programme: the definition is an
/// embedded YAML file, the history a deterministic, seeded series per measure ending in the last
/// complete period before the day given.
/// </summary>
public static class DefaultProgramme
{
    public const string FileName = "default-programme.yaml";
    public const int DefaultSeed = 20231101;

    private const string ResourceName = "Collaborative.Programme.Defaults.default-programme.yaml";

    /// <summary>The YAML text, e.g. for a first-run copy a programme board can edit.</summary>
    public static string Yaml()
    {
        using var stream = typeof(DefaultProgramme).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ProgrammeDefinition Load() => YamlProgrammeLoader.Load(Yaml(), FileName);

    /// <summary>Plausible history for every measure of the default programme, up to the last complete period before <paramref name="asOf"/>.</summary>
    public static ImmutableArray<MeasureObservation> History(ProgrammeDefinition programme, DateOnly asOf, int seed = DefaultSeed) =>
        DefaultProgrammeHistory.Generate(programme, asOf, seed);

    public static ObservationLedger Ledger(ProgrammeDefinition programme, DateOnly asOf, int seed = DefaultSeed) =>
        ObservationLedger.From(History(programme, asOf, seed));
}
