using System.Globalization;
using Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>A goal team's score for a month as its form posts it (the score as the chosen level's value).</summary>
public sealed class ProgressScoreInput
{
    public string Month { get; set => field = value ?? ""; } = "";

    public string Score { get; set => field = value ?? ""; } = "";

    public string Note { get; set => field = value ?? ""; } = "";

    /// <summary>The record, or null when <see cref="Score"/> is not a number (the form says so beside the field).</summary>
    public ProgressScoreRecord? ToRecord(string goalId) =>
        double.TryParse(Score, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
            ? new ProgressScoreRecord { GoalId = goalId, Month = Month, Score = score, Note = Note }
            : null;
}
