namespace Collaborative.Programme.Method;

/// <summary>One level of the IHI Assessment Scale for Collaboratives: its score, its standard name and what it means.</summary>
public sealed record AssessmentLevel(double Score, string Title, string Meaning)
{
    /// <summary>"3.5 Improvement".</summary>
    public override string ToString() => $"{AssessmentScale.Written(Score)} {Title}";
}
