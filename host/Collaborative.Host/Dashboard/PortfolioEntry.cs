using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>
/// One programme as the portfolio shows it: its name, the goals the reader may see with their progress (for
/// their Making Data Count icons) and its alignment counts; or, for a programme this host refuses, why.
/// Public because the portfolio component that shows it is.
/// </summary>
public sealed record PortfolioEntry(
    string ProgrammeId,
    string Name,
    bool IsDefault,
    IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)> Goals,
    int Errors,
    int Warnings,
    string? Refusal = null);
