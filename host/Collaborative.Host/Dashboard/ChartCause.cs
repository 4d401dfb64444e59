using Collaborative.Programme.Spc;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>What a chart point shows: its cause in words and its Making Data Count colour.</summary>
internal static class ChartCause
{
    public const string CommonCause = "common cause";

    /// <summary>Improvement wins over concern when both fire (Making Data Count); neutral when there is no direction.</summary>
    public static (string Cause, string Colour) Of(Contract.ProgressPoint point) =>
        point.Improvement ? ("special cause improvement", SpcColours.Improvement)
        : point.Concern ? ("special cause concern", SpcColours.Concern)
        : point.Neutral ? ("special cause neutral", SpcColours.Neutral)
        : (CommonCause, SpcColours.CommonCause);
}
