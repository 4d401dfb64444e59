namespace Collaborative.Programme.Definition;

/// <summary>The kinds of organisation an integrated care system brings into a programme.</summary>
public enum PartnerKind
{
    Acute,
    Community,
    MentalHealth,
    PrimaryCare,
    Icb,
    Hospice,
    Voluntary,
    LocalAuthority,
    Healthwatch,
    University,
}
