using System.Collections.Immutable;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Periods;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>The sample programmes with their method records as the host seeds them, on a fixed day.</summary>
internal static class MethodSamples
{
    /// <summary>The day the records are dated from: the last complete month is October 2026.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 30);

    public static readonly Period LastMonth = Period.Month(2026, 10);

    public static ProgrammeDefinition Yorkshire { get; } = DefaultProgramme.Load();

    public static ProgrammeDefinition Sheffield { get; } =
        YamlProgrammeLoader.Load(DefaultProgramme.CorporateClinicalYaml(), DefaultProgramme.CorporateClinicalFileName);

    public static MethodSnapshot Records(ProgrammeDefinition programme) => DefaultMethodRecords.For(programme, AsOf);

    /// <summary>The programme with one goal replaced.</summary>
    public static ProgrammeDefinition WithGoal(ProgrammeDefinition programme, SharedGoal goal) =>
        programme with { Goals = [.. programme.Goals.Select(g => g.Id == goal.Id ? goal : g)] };

    public static ChartMarker Marker(ChartMarkerKind kind, string id, Period period, string text) => new(kind, id, period, text);

    public static ImmutableArray<ChartMarker> Markers(params ChartMarker[] markers) => [.. markers];
}
