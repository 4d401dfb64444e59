using System.Net;
using System.Security.Cryptography;
using System.Text;
using Collaborative.Programme.Definition;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>
/// Who a caller is and what the caller may do, for gRPC and the dashboard alike.
/// <list type="bullet">
/// <item>leader: reads everything (programme, every goal's progress and observations, alignment, plugins).</item>
/// <item>partner: reads the programme, alignment and plugins; reads progress and observations of the goals its
/// partner organisation co-owns; reports observations only of measures of those goals (the co-owner rule:
/// it holds for remote partners that have no plugin manifest here, and it is all in the programme file).</item>
/// <item>admin: reads everything and updates the programme.</item>
/// <item>staff: a partner organisation's staff system; reads as a partner does and calls the own services of
/// that organisation's modules through the module gateway. It reports nothing.</item>
/// <item>single-user mode (no principals configured): loopback callers (and the Unix socket) are the one local
/// user, shown as a leader; the dashboard is read-only, and gRPC keeps what it did before access control
/// existed (the machine's owner reports and updates from the CLI). Callers from anywhere else are refused.</item>
/// </list>
/// </summary>
public sealed class ProgrammeAccess
{
    /// <summary>What a partner may read and report, as a refusal says it.</summary>
    public const string CoOwnerRule = "a partner reads, and reports observations of, only the goals its organisation co-owns (and their measures).";

    private static readonly AccessPrincipal s_localUser = new("local user", AccessRole.Leader, null, SingleUser: true);

    private readonly (AccessPrincipal Principal, byte[] Hash)[] _principals;

    public ProgrammeAccess(IOptions<AccessOptions> options)
    {
        _principals = [.. options.Value.Principals.Select(p => (
            new AccessPrincipal(p.Name, Enum.Parse<AccessRole>(p.Role, ignoreCase: true), string.IsNullOrWhiteSpace(p.Partner) ? null : p.Partner,
                Programmes: [.. p.Programmes]),
            Convert.FromHexString(p.TokenSha256)))];
    }

    /// <summary>No principals are configured: loopback callers are the one local user.</summary>
    public bool SingleUserMode => _principals.Length == 0;

    /// <summary>The caller of a request: by token when principals are configured, by address in single-user mode; null when unknown.</summary>
    public AccessPrincipal? Identify(IPAddress? remoteAddress, string? token)
    {
        if (SingleUserMode)
        {
            return IsLocal(remoteAddress) ? s_localUser : null;
        }

        return string.IsNullOrEmpty(token) ? null : FindByToken(token);
    }

    /// <summary>The principal whose token this is, compared in constant time against every principal's hash.</summary>
    public AccessPrincipal? FindByToken(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        AccessPrincipal? found = null;
        foreach (var (principal, expected) in _principals)
        {
            // Look at every principal whatever matched, so timing says nothing about which one did.
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                found = principal;
            }
        }

        return found;
    }

    /// <summary>Why the caller is unknown, in words a person can act on.</summary>
    public string UnauthenticatedMessage(bool tokenPresented) => SingleUserMode
        ? "This host runs in single-user mode (no Collaborative:Access:Principals configured) and answers only callers on this machine."
        : tokenPresented
            ? "The bearer token is not one this host knows. Ask the programme's admin for a token; the host stores only its SHA-256."
            : "No credentials: send the metadata 'authorization: Bearer <token>' with a token the programme's admin gave you.";

    public static bool CanReadProgramme(AccessPrincipal principal) => true;

    /// <summary>Leaders and admins read every goal; a partner (or staff system) reads the goals its organisation co-owns.</summary>
    public static bool CanReadGoal(AccessPrincipal principal, IEnumerable<string> coOwners) =>
        !principal.ScopedToPartner || coOwners.Contains(principal.Partner ?? "", StringComparer.Ordinal);

    /// <summary>Leaders and admins read every measure; a partner (or staff system) reads the measures of goals its organisation co-owns.</summary>
    public static bool CanReadMeasure(AccessPrincipal principal, string measureId, ProgrammeDefinition programme) =>
        !principal.ScopedToPartner || programme.Goals.Any(g => g.Measure == measureId && CanReadGoal(principal, g.CoOwners));

    /// <summary>
    /// A module's own service (identifiable data) is for the staff systems of the partner organisation that
    /// runs the module, and the single local user; leaders, admins and partners' data teams see aggregates only.
    /// </summary>
    public static bool CanCallModuleService(AccessPrincipal principal, string modulePartner) =>
        principal.SingleUser || (principal.Role == AccessRole.Staff && string.Equals(principal.Partner, modulePartner, StringComparison.Ordinal));

    /// <summary>A partner reports observations of measures of goals its organisation co-owns; nobody else reports (but the single local user).</summary>
    public static bool CanReport(AccessPrincipal principal, string measureId, ProgrammeDefinition programme) =>
        principal.SingleUser || (principal.Role == AccessRole.Partner && CanReadMeasure(principal, measureId, programme));

    /// <summary>Loopback, or no IP address at all (a Unix domain socket: the file's permissions decide who connects).</summary>
    public static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
