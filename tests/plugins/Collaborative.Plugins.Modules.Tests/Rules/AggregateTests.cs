using Collaborative.Contracts.V1.Modules;
using Collaborative.Plugins.Modules.CoachingAcademy;
using Collaborative.Plugins.Modules.EndOfLife;
using Collaborative.Plugins.Modules.GoldLine;

namespace Collaborative.Plugins.Modules.Tests.Rules;

public sealed class AggregateTests
{
    private static readonly MonthlyPeriod March = new(2026, 3);

    [Fact]
    public void Percentage_CarriesNumeratorAndDenominator()
    {
        var value = MeasureValue.Percentage("m", March, 2, 3)!;
        Assert.Equal(200.0 / 3, value.Value, 12);
        Assert.Equal(2, value.Numerator);
        Assert.Equal(3, value.Denominator);
    }

    [Fact]
    public void Percentage_OfNothing_IsNoValueRatherThanZero() =>
        Assert.Null(MeasureValue.Percentage("m", March, 0, 0));

    [Fact]
    public void Percentage_NumeratorAboveDenominator_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MeasureValue.Percentage("m", March, 4, 3));

    [Theory]
    [InlineData(PlaceOfDeath.Home, PlaceOfDeath.Home, PlaceOfDeath.Unspecified, true)]
    [InlineData(PlaceOfDeath.Hospice, PlaceOfDeath.Home, PlaceOfDeath.Hospice, true)]    // 2nd choice counts
    [InlineData(PlaceOfDeath.Hospital, PlaceOfDeath.Home, PlaceOfDeath.Hospice, false)]
    [InlineData(PlaceOfDeath.Hospital, PlaceOfDeath.Hospital, PlaceOfDeath.Unspecified, true)] // hospital can be the choice
    [InlineData(PlaceOfDeath.Home, PlaceOfDeath.Unspecified, PlaceOfDeath.Unspecified, false)] // no preference: not "preferred"
    public void RegisterDeath_DiedInPreferredPlace(PlaceOfDeath place, PlaceOfDeath first, PlaceOfDeath second, bool preferred) =>
        Assert.Equal(preferred, new RegisterDeath(place, first, second).DiedInPreferredPlace);

    [Fact]
    public void Register_FromKnownCounts()
    {
        // 8 on the register, 6 with a preferred place; 5 deaths: 4 had a preference, 3 of them died in it; 1 died in hospital.
        RegisterDeath[] deaths =
        [
            new(PlaceOfDeath.Home, PlaceOfDeath.Home, PlaceOfDeath.Unspecified),
            new(PlaceOfDeath.Hospice, PlaceOfDeath.CareHome, PlaceOfDeath.Hospice),
            new(PlaceOfDeath.CareHome, PlaceOfDeath.CareHome, PlaceOfDeath.Unspecified),
            new(PlaceOfDeath.Hospital, PlaceOfDeath.Home, PlaceOfDeath.Unspecified),
            new(PlaceOfDeath.Home, PlaceOfDeath.Unspecified, PlaceOfDeath.Unspecified),
        ];
        var values = RegisterMeasures.Aggregate(March, 8, 6, deaths).ToDictionary(v => v.MeasureId);
        Assert.Equal(8, values[RegisterMeasures.RegisterSize].Value);
        Assert.Equal(75.0, values[RegisterMeasures.PreferredPlaceRecorded].Value, 9);
        Assert.Equal(75.0, values[RegisterMeasures.DiedInPreferredPlace].Value, 9);
        Assert.Equal((3.0, 4.0), (values[RegisterMeasures.DiedInPreferredPlace].Numerator, values[RegisterMeasures.DiedInPreferredPlace].Denominator));
        Assert.Equal(20.0, values[RegisterMeasures.DiedInHospital].Value, 9);
    }

    [Fact]
    public void Register_NoDeaths_ReportsSizeAndRecordingOnly()
    {
        var values = RegisterMeasures.Aggregate(March, 3, 1, []).Select(v => v.MeasureId).ToList();
        Assert.Equal([RegisterMeasures.RegisterSize, RegisterMeasures.PreferredPlaceRecorded], values);
    }

    [Fact]
    public void GoldLine_FromKnownCalls()
    {
        CallSummary[] calls =
        [
            new(CallOutcome.ServiceCoordinated, false, "9434765919"),
            new(CallOutcome.AdviceGiven, true, "9434765919"),
            new(CallOutcome.Admitted, true, "6541003238"),
            new(CallOutcome.VisitArranged, true, "9990000018"),
            new(CallOutcome.AdmissionAvoided, false, ""),
            new(CallOutcome.Died, false, ""),
            new(CallOutcome.AdviceGiven, true, "6541003238"),
            new(CallOutcome.AdviceGiven, false, ""),
        ];
        var values = GoldLineMeasures.Aggregate(March, calls).ToDictionary(v => v.MeasureId);
        Assert.Equal(8, values[GoldLineMeasures.Calls].Value);
        Assert.Equal(3, values[GoldLineMeasures.Caseload].Value);            // distinct patients; general enquiries don't count
        Assert.Equal(37.5, values[GoldLineMeasures.CoordinatedShare].Value, 9); // 3 of 8
        Assert.Equal(12.5, values[GoldLineMeasures.AdmissionShare].Value, 9);   // 1 of 8
        Assert.Equal(50.0, values[GoldLineMeasures.OutOfHoursShare].Value, 9);  // 4 of 8
        Assert.Equal(1, values[GoldLineMeasures.AdmissionsAvoided].Value);
    }

    [Fact]
    public void Academy_ActiveShareIsOfTrainedCoaches()
    {
        var values = AcademyMeasures.Aggregate(March, trained: 84, activeTrained: 52, teams: 107).ToDictionary(v => v.MeasureId);
        Assert.Equal(84, values[AcademyMeasures.CoachesTrained].Value);
        Assert.Equal(107, values[AcademyMeasures.TeamsCoached].Value);
        Assert.Equal(61.9, values[AcademyMeasures.CoachesActiveShare].Value, 1);
        Assert.DoesNotContain(AcademyMeasures.Aggregate(March, 0, 0, 5), v => v.MeasureId == AcademyMeasures.CoachesActiveShare);
    }
}
