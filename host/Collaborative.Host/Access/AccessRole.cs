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
}
