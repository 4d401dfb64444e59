using System.Collections.Immutable;

namespace Collaborative.Programme.Method;

/// <summary>
/// The words for the method's kinds, as the API, the CLI and forms write them: one home, read both ways.
/// Parsing is case-insensitive and takes '-' or ' ' for '_'.
/// </summary>
public static class MethodVocabulary
{
    public static ImmutableDictionary<PdsaStatus, string> Statuses { get; } = new Dictionary<PdsaStatus, string>
    {
        [PdsaStatus.Planned] = "planned",
        [PdsaStatus.Doing] = "doing",
        [PdsaStatus.Studying] = "studying",
        [PdsaStatus.Done] = "done",
    }.ToImmutableDictionary();

    public static ImmutableDictionary<PdsaAct, string> Acts { get; } = new Dictionary<PdsaAct, string>
    {
        [PdsaAct.Adopt] = "adopt",
        [PdsaAct.Adapt] = "adapt",
        [PdsaAct.Abandon] = "abandon",
    }.ToImmutableDictionary();

    public static ImmutableDictionary<LearningEventKind, string> EventKinds { get; } = new Dictionary<LearningEventKind, string>
    {
        [LearningEventKind.LearningSession] = "learning_session",
        [LearningEventKind.ActionPeriodReview] = "action_period_review",
        [LearningEventKind.Webinar] = "webinar",
        [LearningEventKind.Other] = "other",
    }.ToImmutableDictionary();

    public static string Word(PdsaStatus status) => Statuses[status];

    public static string Word(PdsaAct act) => Acts[act];

    public static string Word(LearningEventKind kind) => EventKinds[kind];

    /// <summary>The value a word names, or null; <paramref name="error"/> then lists the words expected for <paramref name="field"/>.</summary>
    public static T? Parse<T>(ImmutableDictionary<T, string> words, string? text, string field, out string? error)
        where T : struct, Enum
    {
        var normalised = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        foreach (var (value, word) in words)
        {
            if (word == normalised)
            {
                error = null;
                return value;
            }
        }

        error = $"{field}: '{text}' is not one of {string.Join(", ", words.OrderBy(w => w.Key).Select(w => w.Value))}";
        return null;
    }
}
