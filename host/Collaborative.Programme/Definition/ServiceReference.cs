namespace Collaborative.Programme.Definition;

/// <summary>A partner's service in a goal team; written "partner/service" in a programme file.</summary>
public sealed record ServiceReference(string Partner, string Service)
{
    public override string ToString() => $"{Partner}/{Service}";
}
