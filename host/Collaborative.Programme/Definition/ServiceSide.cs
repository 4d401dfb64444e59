namespace Collaborative.Programme.Definition;

/// <summary>
/// Which side of the organisation a service sits on. Corporate support (HR, estates, IT, finance,
/// procurement, information) working with clinical teams is what the alignment check looks for.
/// </summary>
public enum ServiceSide
{
    Clinical,
    CorporateSupport,
}
