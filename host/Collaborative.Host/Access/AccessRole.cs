namespace Collaborative.Host.Access;

/// <summary>What a principal may do: see ProgrammeAccess for the rule each role follows.</summary>
public enum AccessRole
{
    /// <summary>Reads the whole programme: goals, progress, alignment, plugins.</summary>
    Leader,

    /// <summary>Reads the programme and the goals its organisation co-owns; reports observations of their measures.</summary>
    Partner,

    /// <summary>Reads everything and changes the programme definition.</summary>
    Admin,

    /// <summary>
    /// A staff system of one partner organisation (a GP or hospital clinical system): calls the own services
    /// of that organisation's modules through the host's module gateway, naming the member of staff in
    /// <c>x-staff-id</c>; reads the programme as a partner does; reports nothing.
    /// </summary>
    Staff,
}
