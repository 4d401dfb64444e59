namespace Collaborative.Programme.Spc;

/// <summary>
/// XmR limits of one segment: mean ± 2.66·mR̄ (process limits) and mean ± (2/3·2.66)·mR̄ (near-limit
/// band, used by the two-of-three rule).
/// </summary>
public sealed record ControlLimits(double Mean, double MeanMovingRange)
{
    public double Upper => Mean + (XmrChart.LimitFactor * MeanMovingRange);

    public double Lower => Mean - (XmrChart.LimitFactor * MeanMovingRange);

    public double UpperNear => Mean + (XmrChart.NearLimitFactor * MeanMovingRange);

    public double LowerNear => Mean - (XmrChart.NearLimitFactor * MeanMovingRange);
}
