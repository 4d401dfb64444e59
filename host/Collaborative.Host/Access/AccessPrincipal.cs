using System.Collections.Immutable;

namespace Collaborative.Host.Access;

/// <summary>Who is calling: a configured principal, or the one local user of a host with no principals configured.</summary>
/// <param name="Name">For messages and the dashboard header; never a secret.</param>
/// <param name="Partner">The partner organisation id, for <see cref="AccessRole.Partner"/>.</param>
/// <param name="SingleUser">The loopback user of a host with no principals: see <see cref="ProgrammeAccess"/>.</param>
/// <param name="Programmes">The programmes the principal is limited to; empty (or default): every programme.</param>
public sealed record AccessPrincipal(string Name, AccessRole Role, string? Partner, bool SingleUser = false, ImmutableArray<string> Programmes = default)
{
    /// <summary>Whether the principal may use programme <paramref name="programmeId"/> at all (its role says what it may do there).</summary>
    public bool MayUseProgramme(string programmeId) => Programmes.IsDefaultOrEmpty || Programmes.Contains(programmeId, StringComparer.Ordinal);

    /// <summary>What a refusal for another programme says: "this principal is limited to programmes 'a', 'b'."</summary>
    public string ProgrammesRule => $"this principal is limited to programme{(Programmes.Length == 1 ? "" : "s")} {string.Join(", ", Programmes.Select(p => $"'{p}'"))}.";

    public string RoleWord => Role.ToString().ToLowerInvariant();

    /// <summary>Partners and staff systems see the programme through their organisation: only the goals it co-owns.</summary>
    public bool ScopedToPartner => Role is AccessRole.Partner or AccessRole.Staff;

    /// <summary>"leader 'Dr A Lead'", "partner 'City data team' (city-ft)": how refusals name the caller.</summary>
    public string Describe() => Partner is null ? $"{RoleWord} '{Name}'" : $"{RoleWord} '{Name}' ({Partner})";
}
