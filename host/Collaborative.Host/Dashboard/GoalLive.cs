using Collaborative.Host.Programme;
using Collaborative.Programme.Method;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// What a goal page's live section shows, read together: the goal's progress, the markers on its chart and its PDSA
/// cycles, from the method records of <see cref="MethodVersion"/> (<see cref="ProgrammeOffice.MethodAsync"/>, cached by version).
/// </summary>
internal sealed record GoalLive(SharedGoalProgress Source, Contract.GoalProgress View, ProgrammeMethod Method, IReadOnlyList<ChartMarker> Markers, Method.GoalCycles Cycles)
{
    public long MethodVersion => Method.Version;
}
