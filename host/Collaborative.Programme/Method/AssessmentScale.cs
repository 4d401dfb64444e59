using System.Collections.Immutable;
using System.Globalization;

namespace Collaborative.Programme.Method;

/// <summary>
/// The IHI Assessment Scale for Collaboratives, by which a goal team's progress is scored each month:
/// 1.0 to 5.0 in half steps, each level with its standard name (the meanings are ours, in short).
/// </summary>
public static class AssessmentScale
{
    public const double Lowest = 1.0;

    public const double Highest = 5.0;

    public static ImmutableArray<AssessmentLevel> Levels { get; } =
    [
        new(1.0, "Forming team", "The team is being formed; no work on the aim yet."),
        new(1.5, "Planning for the project has begun", "The team meets, and is planning its aim, measures and first steps."),
        new(2.0, "Activity, but no changes", "The team is collecting baseline data and studying its process; no changes tested yet."),
        new(2.5, "Changes tested, but no improvement", "PDSA cycles have begun and the measures are charted, but they have not moved."),
        new(3.0, "Modest improvement", "Some changes tested well and some are in place; early signs of improvement."),
        new(3.5, "Improvement", "Tests and implementation go on; the key measures show improvement."),
        new(4.0, "Significant improvement", "Most changes are in place and the measures show clear improvement towards the goal."),
        new(4.5, "Sustainable improvement", "The improvement holds, and the changes are built into how the work is done."),
        new(5.0, "Outstanding sustainable results", "The goal is met and sustained, and the changes are spreading."),
    ];

    /// <summary>The level of a score, or null when it is not a half step from 1.0 to 5.0.</summary>
    public static AssessmentLevel? Find(double score) =>
        double.IsFinite(score) && score * 2 == Math.Round(score * 2) && score is >= Lowest and <= Highest
            ? Levels[(int)((score - Lowest) * 2)]
            : null;

    /// <summary>The level of a score; throws the refusal when it is not on the scale.</summary>
    public static AssessmentLevel Level(double score) =>
        Find(score) ?? throw new ArgumentOutOfRangeException(nameof(score), score, Refusal(score));

    /// <summary>What refusing <paramref name="score"/> says, naming the field.</summary>
    public static string Refusal(double score) => "score: " + RefusalMessage(score);

    internal static string RefusalMessage(double score) =>
        $"{Written(score)} is not a half step from {Written(Lowest)} to {Written(Highest)}";

    /// <summary>"3.0", "3.5": one decimal, as the scale is written; anything finer shows its digits.</summary>
    public static string Written(double score) =>
        score.ToString(score * 2 == Math.Round(score * 2) ? "0.0" : "0.0##", CultureInfo.InvariantCulture);
}
