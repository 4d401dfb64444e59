using Collaborative.Programme.Method;

namespace Collaborative.Programme.Tests.Method;

public sealed class AssessmentScaleTests
{
    [Fact]
    public void Scale_RunsFromOneToFiveInHalfSteps_WithTheStandardNames()
    {
        Assert.Equal([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0], AssessmentScale.Levels.Select(l => l.Score));
        Assert.Equal(
            [
                "1.0 Forming team", "1.5 Planning for the project has begun", "2.0 Activity, but no changes",
                "2.5 Changes tested, but no improvement", "3.0 Modest improvement", "3.5 Improvement",
                "4.0 Significant improvement", "4.5 Sustainable improvement", "5.0 Outstanding sustainable results",
            ],
            AssessmentScale.Levels.Select(l => l.ToString()));
        Assert.All(AssessmentScale.Levels, l => Assert.False(string.IsNullOrWhiteSpace(l.Meaning)));
    }

    [Fact]
    public void Find_EveryLevelByItsScore_AndNothingOffTheScale()
    {
        Assert.All(AssessmentScale.Levels, l => Assert.Same(l, AssessmentScale.Find(l.Score)));
        Assert.All([0.0, 0.5, 1.25, 3.3, 5.5, double.NaN, double.PositiveInfinity], s => Assert.Null(AssessmentScale.Find(s)));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => AssessmentScale.Level(3.3));
        Assert.StartsWith("score: 3.3 is not a half step from 1.0 to 5.0", refused.Message);
    }

    [Fact]
    public void Vocabulary_ReadsBackEveryWordItWrites()
    {
        Assert.All(Enum.GetValues<PdsaStatus>(), s => Assert.Equal(s, MethodVocabulary.Parse(MethodVocabulary.Statuses, MethodVocabulary.Word(s), "status", out _)));
        Assert.All(Enum.GetValues<PdsaAct>(), a => Assert.Equal(a, MethodVocabulary.Parse(MethodVocabulary.Acts, MethodVocabulary.Word(a), "act", out _)));
        Assert.All(Enum.GetValues<LearningEventKind>(), k => Assert.Equal(k, MethodVocabulary.Parse(MethodVocabulary.EventKinds, MethodVocabulary.Word(k), "kind", out _)));
        Assert.Equal(LearningEventKind.ActionPeriodReview, MethodVocabulary.Parse(MethodVocabulary.EventKinds, "Action period review", "kind", out _));

        Assert.Null(MethodVocabulary.Parse(MethodVocabulary.Acts, "adept", "act", out var error));
        Assert.Equal("act: 'adept' is not one of adopt, adapt, abandon", error);
    }
}
