using Collaborative.Programme.Spc;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Programme.Tests.Spc;

/// <summary>
/// Properties over random series of small whole numbers (so ties, runs and repeated values are common),
/// checked against a plain restatement of the rules using the chart's own mean.
/// </summary>
public sealed class XmrChartPropertyTests
{
    private static readonly Arbitrary<double[]> Values =
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 6).Select(v => (double)v), n)).ToArbitrary();

    [Fact]
    public void FewerThan13Points_NeverHaveSignalsOrIcons()
    {
        Prop.ForAll(Values, values =>
        {
            var report = XmrChart.Calculate(Series.Of(values), new SpcOptions { Direction = ImprovementDirection.Higher });
            return values.Length >= XmrChart.MinimumPoints
                || (report.Limits is null && report.Variation == VariationIcon.None && report.Points.All(p => p.Signals == SpcSignals.None));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ShiftFlags_AreExactlyThePointsOfRunsOfSevenOnOneSide()
    {
        Prop.ForAll(Values, values =>
        {
            var report = XmrChart.Calculate(Series.Of(values), new SpcOptions());
            if (report.Limits is not { } limits)
            {
                return true;
            }

            var side = values.Select(v => Math.Sign(v - limits.Mean)).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                // Length of the run of equal, non-zero sides through point i.
                var from = i;
                var to = i;
                while (side[i] != 0 && from > 0 && side[from - 1] == side[i])
                {
                    from--;
                }

                while (side[i] != 0 && to < values.Length - 1 && side[to + 1] == side[i])
                {
                    to++;
                }

                var inShift = side[i] != 0 && to - from + 1 >= XmrChart.RunLength;
                var flagged = (report.Points[i].Signals & (SpcSignals.ShiftHigh | SpcSignals.ShiftLow)) != 0;
                if (inShift != flagged)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TrendFlags_AreExactlyThePointsOfSevenStrictlyRisingOrFalling()
    {
        Prop.ForAll(Values, values =>
        {
            var report = XmrChart.Calculate(Series.Of(values), new SpcOptions());
            if (report.Limits is null)
            {
                return true;
            }

            bool InRun(int i, Func<double, double, bool> step)
            {
                var from = i;
                var to = i;
                while (from > 0 && step(values[from - 1], values[from]))
                {
                    from--;
                }

                while (to < values.Length - 1 && step(values[to], values[to + 1]))
                {
                    to++;
                }

                return to - from + 1 >= XmrChart.RunLength;
            }

            return Enumerable.Range(0, values.Length).All(i =>
                InRun(i, (a, b) => b > a) == report.Points[i].Signals.HasFlag(SpcSignals.TrendUp)
                && InRun(i, (a, b) => b < a) == report.Points[i].Signals.HasFlag(SpcSignals.TrendDown));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReversingTheDirection_SwapsImprovementAndConcern()
    {
        Prop.ForAll(Values, values =>
        {
            var higher = XmrChart.Calculate(Series.Of(values), new SpcOptions { Direction = ImprovementDirection.Higher });
            var lower = XmrChart.Calculate(Series.Of(values), new SpcOptions { Direction = ImprovementDirection.Lower });
            return higher.Points.Zip(lower.Points).All(p =>
                p.First.SpecialCause.HasFlag(SpecialCause.Improvement) == p.Second.SpecialCause.HasFlag(SpecialCause.Concern)
                && p.First.SpecialCause.HasFlag(SpecialCause.Concern) == p.Second.SpecialCause.HasFlag(SpecialCause.Improvement));
        }).QuickCheckThrowOnFailure();
    }
}
