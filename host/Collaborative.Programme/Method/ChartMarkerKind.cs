namespace Collaborative.Programme.Method;

/// <summary>What a marker on a goal's chart stands for.</summary>
public enum ChartMarkerKind
{
    PdsaCycle,
    Annotation,
    LearningEvent,
}
