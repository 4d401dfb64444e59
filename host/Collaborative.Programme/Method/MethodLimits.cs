namespace Collaborative.Programme.Method;

/// <summary>How big the method's records may be; a refusal quotes the limit and names the field.</summary>
public static class MethodLimits
{
    /// <summary>A plan, prediction, study, annotation or lesson: a few paragraphs, not a document.</summary>
    public const int MaxText = 4000;

    /// <summary>A title, an author or a note's one line.</summary>
    public const int MaxLine = 200;

    /// <summary>Lessons recorded for one learning event.</summary>
    public const int MaxLessons = 50;
}
