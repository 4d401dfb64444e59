using Grpc.Core;

namespace Collaborative.Plugins.Modules;

/// <summary>
/// Who is acting: every call to a module's own service names the member of staff in metadata
/// <c>x-staff-id</c>, so the module's audit trail can say who read or changed what. A call that came
/// through the host's module gateway also carries <c>collab-caller</c>, the staff system's principal, set
/// by the host (never by the caller); the audit trail records both: "C1234 via City GP system".
/// </summary>
public static class StaffIdentity
{
    public const string Header = "x-staff-id";

    /// <summary>The staff id on the call (with the staff system, when the host forwarded it); UNAUTHENTICATED when it is missing or blank.</summary>
    public static string Require(ServerCallContext context)
    {
        var staff = context.RequestHeaders.GetValue(Header)?.Trim();
        if (string.IsNullOrEmpty(staff))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"Metadata '{Header}' is required: say which member of staff is acting (e.g. a smartcard or staff number), so the audit trail records who."));
        }

        if (staff.Length > 128)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Metadata '{Header}' is {staff.Length} characters long; a staff id has at most 128."));
        }

        var system = context.RequestHeaders.GetValue(PluginProtocol.CallerHeader)?.Trim();
        return string.IsNullOrEmpty(system) ? staff : $"{staff} via {system}";
    }
}
