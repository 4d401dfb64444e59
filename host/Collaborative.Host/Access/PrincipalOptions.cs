namespace Collaborative.Host.Access;

/// <summary>One entry of Collaborative:Access:Principals. The token itself is never configured, only its SHA-256.</summary>
public sealed class PrincipalOptions
{
    public string Name { get; set; } = "";

    /// <summary>leader, partner, staff or admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>The partner organisation id (from the programme) a partner or staff principal speaks for.</summary>
    public string? Partner { get; set; }

    /// <summary>
    /// The programmes (ids) the principal is limited to: calls for any other are refused, and ListProgrammes lists
    /// only these. Empty (the default): every programme of the deployment.
    /// </summary>
    public List<string> Programmes { get; set; } = [];

    /// <summary>Lower- or upper-case hex SHA-256 of the UTF-8 token, 64 digits (e.g. `printf %s "$TOKEN" | sha256sum`).</summary>
    public string TokenSha256 { get; set; } = "";
}
