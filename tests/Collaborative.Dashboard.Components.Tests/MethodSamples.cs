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

    // Markers for the sample chart (Samples.Progress), which runs from 2024-01 to 2025-03: three on it, one before, one after.
    public static readonly ChartMarker Cycle = Marker(ChartMarkerKind.PdsaCycle, "pdsa-1", Period.Month(2024, 3), "PDSA (doing): Pharmacist calls. Call every patient");
    public static readonly ChartMarker Note = Marker(ChartMarkerKind.Annotation, "note-1", Period.Month(2024, 3), "New GP lead started (Dr B Lead)");
    public static readonly ChartMarker Session = Marker(ChartMarkerKind.LearningEvent, "event-1", Period.Month(2024, 6), "Learning session one");
    public static readonly ChartMarker Before = Marker(ChartMarkerKind.PdsaCycle, "pdsa-0", Period.Month(2023, 5), "PDSA (done, abandon): an early test");
    public static readonly ChartMarker After = Marker(ChartMarkerKind.Annotation, "note-2", Period.Month(2025, 9), "Planned for the autumn");

    public static ImmutableArray<ChartMarker> Markers(params ChartMarker[] markers) => [.. markers];
}
