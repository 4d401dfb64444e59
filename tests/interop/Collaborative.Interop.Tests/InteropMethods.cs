using Collaborative.Grpc.Client;
using Collaborative.Interop.V1;

namespace Collaborative.Interop.Tests;

/// <summary>The methods of interop.v1.InteropTest, for our client (shared with the loopback tests).</summary>
public static class InteropMethods
{
    public static readonly Method<EchoRequest, EchoReply> Unary = Method.Create<EchoRequest, EchoReply>(InteropService.Descriptor, "Unary");
    public static readonly Method<StreamRequest, EchoReply> ServerStream = Method.Create<StreamRequest, EchoReply>(InteropService.Descriptor, "ServerStream");
    public static readonly Method<EchoRequest, EchoReply> ClientStream = Method.Create<EchoRequest, EchoReply>(InteropService.Descriptor, "ClientStream");
    public static readonly Method<EchoRequest, EchoReply> Bidi = Method.Create<EchoRequest, EchoReply>(InteropService.Descriptor, "Bidi");
    public static readonly Method<FailRequest, EchoReply> Fail = Method.Create<FailRequest, EchoReply>(InteropService.Descriptor, "Fail");
    public static readonly Method<SleepRequest, EchoReply> Sleep = Method.Create<SleepRequest, EchoReply>(InteropService.Descriptor, "Sleep");
    public static readonly Method<OutcomeRequest, OutcomeReply> Outcome = Method.Create<OutcomeRequest, OutcomeReply>(InteropService.Descriptor, "Outcome");
    public static readonly Method<EchoRequest, EchoReply> EchoMetadata = Method.Create<EchoRequest, EchoReply>(InteropService.Descriptor, "EchoMetadata");
    public static readonly Method<SizeRequest, EchoReply> Big = Method.Create<SizeRequest, EchoReply>(InteropService.Descriptor, "Big");
}
