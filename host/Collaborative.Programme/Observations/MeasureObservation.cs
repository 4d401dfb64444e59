using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Google.Protobuf.WellKnownTypes;

namespace Collaborative.Programme.Observations;

/// <summary>
/// One value of one measure for one period, as a module or person reported it: the domain form of
/// observation.proto's Observation, with the period parsed and checked against the measure.
/// </summary>
public sealed record MeasureObservation
{
    /// <summary>Idempotency key chosen by the source.</summary>
    public required string Id { get; init; }

    public required string MeasureId { get; init; }

    public required Period Period { get; init; }

    public required double Value { get; init; }

    public double? Numerator { get; init; }

    public double? Denominator { get; init; }

    /// <summary>Module (plugin id) or person that reported it.</summary>
    public string Source { get; init; } = string.Empty;

    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>
    /// Same reported content: everything but <see cref="RecordedAt"/>, which a source may stamp afresh
    /// when it re-sends, and which says when, not what.
    /// </summary>
    public bool SameContentAs(MeasureObservation other) =>
        Id == other.Id && MeasureId == other.MeasureId && Period == other.Period && Value.Equals(other.Value)
        && Numerator.Equals(other.Numerator) && Denominator.Equals(other.Denominator) && Source == other.Source;

    /// <summary>Reads a wire observation for a programme; the error says what is wrong in words a partner can act on.</summary>
    public static bool TryFrom(Observation contract, ProgrammeDefinition programme,
        [NotNullWhen(true)] out MeasureObservation? observation, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(programme);
        observation = null;
        if (string.IsNullOrWhiteSpace(contract.Id))
        {
            error = "observation has no id; the id is what makes a re-send safe";
            return false;
        }

        var measure = programme.FindMeasure(contract.MeasureId);
        if (measure is null)
        {
            error = $"observation '{contract.Id}' names measure '{contract.MeasureId}', which is not a measure in programme '{programme.Id}'";
            return false;
        }

        if (!Period.TryParse(contract.Period, measure.Period, out var period, out var periodError))
        {
            error = $"observation '{contract.Id}' for measure '{measure.Id}': {periodError}";
            return false;
        }

        // Bounded as a goal's baseline and target are, so moving ranges and limits stay finite.
        var range = ProgrammeLimits.MeasureValue;
        if (!range.Contains(contract.Value)
            || (contract.HasNumerator && !range.Contains(contract.Numerator))
            || (contract.HasDenominator && !range.Contains(contract.Denominator)))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"observation '{contract.Id}' carries a value that is not a finite number from {range.Minimum:0e0} to {range.Maximum:0e0}");
            return false;
        }

        observation = new MeasureObservation
        {
            Id = contract.Id,
            MeasureId = measure.Id,
            Period = period,
            Value = contract.Value,
            Numerator = contract.HasNumerator ? contract.Numerator : null,
            Denominator = contract.HasDenominator ? contract.Denominator : null,
            Source = contract.Source,
            RecordedAt = contract.RecordedAt?.ToDateTimeOffset(),
        };
        error = null;
        return true;
    }

    /// <summary>Reads back an observation stored by <see cref="ToContract"/> (its period as its first day).</summary>
    public static MeasureObservation FromStored(Observation stored, PeriodKind kind) => new()
    {
        Id = stored.Id,
        MeasureId = stored.MeasureId,
        Period = Period.Parse(stored.Period, kind),
        Value = stored.Value,
        Numerator = stored.HasNumerator ? stored.Numerator : null,
        Denominator = stored.HasDenominator ? stored.Denominator : null,
        Source = stored.Source,
        RecordedAt = stored.RecordedAt?.ToDateTimeOffset(),
    };

    public Observation ToContract()
    {
        var contract = new Observation
        {
            Id = Id,
            MeasureId = MeasureId,
            Period = Period.ToString(),
            Value = Value,
            Source = Source,
        };
        if (Numerator is { } numerator)
        {
            contract.Numerator = numerator;
        }

        if (Denominator is { } denominator)
        {
            contract.Denominator = denominator;
        }

        if (RecordedAt is { } recordedAt)
        {
            contract.RecordedAt = Timestamp.FromDateTimeOffset(recordedAt);
        }

        return contract;
    }
}
