namespace Collaborative.Programme.Spc;

/// <summary>Which way is better for a measure. None makes special causes neutral and gives no assurance.</summary>
public enum ImprovementDirection
{
    None,
    Higher,
    Lower,
}
