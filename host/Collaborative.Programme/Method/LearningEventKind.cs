namespace Collaborative.Programme.Method;

/// <summary>The Breakthrough Series rhythm: learning sessions between action periods, reviewed on calls and webinars.</summary>
public enum LearningEventKind
{
    LearningSession,
    ActionPeriodReview,
    Webinar,
    Other,
}
