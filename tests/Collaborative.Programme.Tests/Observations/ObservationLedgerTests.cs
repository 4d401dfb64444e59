using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Tests.Definition;

namespace Collaborative.Programme.Tests.Observations;

public sealed class ObservationLedgerTests
{
    private static MeasureObservation Observation(string id, string period, double value, string measure = "opioid-rx") => new()
    {
        Id = id,
        MeasureId = measure,
        Period = Period.Parse(period, PeriodKind.Month),
        Value = value,
        Source = "prescribing-module",
    };

    [Fact]
    public void Record_FirstValueForAPeriod_IsAccepted()
    {
        var result = ObservationLedger.Empty.Record(Observation("a", "2025-01", 12));

        Assert.Equal(RecordOutcome.Accepted, result.Outcome);
        Assert.Equal(1, result.Revision.Revision);
        Assert.Equal(1, result.Ledger.Sequence);
        Assert.Equal(12, Assert.Single(result.Ledger.CurrentSeries("opioid-rx")).Value);
        Assert.Empty(ObservationLedger.Empty.CurrentSeries("opioid-rx"));
    }

    [Fact]
    public void Record_ReSentObservation_IsADuplicateAndStoresNothing()
    {
        var ledger = ObservationLedger.Empty.Record(Observation("a", "2025-01", 12)).Ledger;

        // A retry may carry a fresh recorded_at; that is when, not what.
        var resent = Observation("a", "2025-01", 12) with { RecordedAt = DateTimeOffset.UnixEpoch };
        var result = ledger.Record(resent);

        Assert.Equal(RecordOutcome.Duplicate, result.Outcome);
        Assert.Same(ledger, result.Ledger);
        Assert.Single(result.Ledger.Revisions("opioid-rx", Period.Month(2025, 1)));
    }

    [Fact]
    public void Record_SameIdDifferentContent_IsAConflictNamingTheId()
    {
        var ledger = ObservationLedger.Empty.Record(Observation("a", "2025-01", 12)).Ledger;

        var conflict = Assert.Throws<ObservationConflictException>(() => ledger.Record(Observation("a", "2025-01", 13)));

        Assert.Equal("a", conflict.ObservationId);
        Assert.Contains("'a'", conflict.Message);
        Assert.Contains("A correction needs a new id", conflict.Message);
        Assert.Equal(12, Assert.Single(ledger.CurrentSeries("opioid-rx")).Value);
    }

    [Fact]
    public void Record_CorrectedValueForAPeriod_IsARevisionAndKeepsTheEarlierOne()
    {
        var ledger = ObservationLedger.Empty
            .Record(Observation("a", "2025-01", 12)).Ledger
            .Record(Observation("b", "2025-02", 11)).Ledger;

        var result = ledger.Record(Observation("a-corrected", "2025-01", 10));

        Assert.Equal(RecordOutcome.Revised, result.Outcome);
        Assert.Equal(2, result.Revision.Revision);
        var revisions = result.Ledger.Revisions("opioid-rx", Period.Month(2025, 1));
        Assert.Equal([12.0, 10.0], revisions.Select(r => r.Observation.Value));
        Assert.Equal([1, 2], revisions.Select(r => r.Revision));
        Assert.Equal([10.0, 11.0], result.Ledger.CurrentSeries("opioid-rx").Select(p => p.Value));

        // The ledger it came from is untouched: grain state changes only when the new one is stored.
        Assert.Equal([12.0, 11.0], ledger.CurrentSeries("opioid-rx").Select(p => p.Value));
    }

    [Fact]
    public void CurrentSeries_IsInPeriodOrderWhateverTheArrivalOrder_AndLeavesGaps()
    {
        var ledger = ObservationLedger.From(
        [
            Observation("c", "2025-04", 9),
            Observation("a", "2025-01", 12),
            Observation("b", "2025-02", 11),
            Observation("x", "2025-02", 5, measure: "other"),
        ]);

        Assert.Equal(["2025-01", "2025-02", "2025-04"], ledger.CurrentSeries("opioid-rx").Select(p => p.Period.Label));
        Assert.Equal(Period.Month(2025, 4), ledger.LatestPeriod("opioid-rx"));
        Assert.Null(ledger.LatestPeriod("nothing"));
        Assert.Equal(["c", "a", "b", "x"], ledger.All().Select(r => r.Observation.Id));
    }

    [Fact]
    public void TryFrom_WireObservation_IsCheckedAgainstTheProgramme()
    {
        var programme = YamlProgrammeLoader.Load(MiniProgramme.Text, MiniProgramme.FileName);
        var wire = new Observation { Id = "rx-2025-03", MeasureId = "opioid-rx", Period = "2025-03-01", Value = 11.5, Numerator = 23, Denominator = 2000, Source = "prescribing" };

        Assert.True(MeasureObservation.TryFrom(wire, programme, out var observation, out _));
        Assert.Equal(Period.Month(2025, 3), observation.Period);
        Assert.Equal(23, observation.Numerator);
        Assert.Equal("2025-03-01", observation.ToContract().Period);
        Assert.Equal(wire, observation.ToContract());

        Assert.False(MeasureObservation.TryFrom(new Observation { Id = "x", MeasureId = "falls", Period = "2025-03-01" }, programme, out _, out var unknown));
        Assert.Equal("observation 'x' names measure 'falls', which is not a measure in programme 'mini'", unknown);

        Assert.False(MeasureObservation.TryFrom(new Observation { Id = "y", MeasureId = "opioid-rx", Period = "2025-03-15" }, programme, out _, out var midMonth));
        Assert.Equal("observation 'y' for measure 'opioid-rx': '2025-03-15' is not the first day of a month; a monthly period is written '2025-03' or '2025-03-01'", midMonth);

        Assert.False(MeasureObservation.TryFrom(new Observation { MeasureId = "opioid-rx", Period = "2025-03" }, programme, out _, out var noId));
        Assert.Contains("no id", noId);

        Assert.False(MeasureObservation.TryFrom(new Observation { Id = "z", MeasureId = "opioid-rx", Period = "2025-03", Value = double.NaN }, programme, out _, out var nan));
        Assert.Contains("not a finite number", nan);

        // Finite but past the bound that keeps moving ranges and limits finite.
        Assert.False(MeasureObservation.TryFrom(new Observation { Id = "w", MeasureId = "opioid-rx", Period = "2025-03", Value = 1e308 }, programme, out _, out var huge));
        Assert.Equal("observation 'w' carries a value that is not a finite number from -1e12 to 1e12", huge);
    }

    [Fact]
    public void From_GivesTheSameLedgerAsRecordingOneByOne()
    {
        MeasureObservation[] observations =
        [
            Observation("a", "2025-01", 12),
            Observation("b", "2025-02", 11),
            Observation("a", "2025-01", 12),          // duplicate
            Observation("a2", "2025-01", 10),         // revision
            Observation("c", "2025-01", 3, measure: "other"),
        ];
        var built = ObservationLedger.From(observations);
        var recorded = observations.Aggregate(ObservationLedger.Empty, (ledger, o) => ledger.Record(o).Ledger);

        Assert.Equal(recorded.Sequence, built.Sequence);
        Assert.Equal(4, built.Sequence);
        Assert.Equal(recorded.CurrentSeries("opioid-rx").ToArray(), built.CurrentSeries("opioid-rx").ToArray());
        Assert.Equal(recorded.Revisions("opioid-rx", Period.Month(2025, 1)).ToArray(), built.Revisions("opioid-rx", Period.Month(2025, 1)).ToArray());
        Assert.Equal(recorded.All().ToArray(), built.All().ToArray());
        Assert.Throws<ObservationConflictException>(() => ObservationLedger.From([.. observations, Observation("b", "2025-02", 99)]));
    }
}
