using Collaborative.Bench;
using Grpc.Core;

namespace Collaborative.EchoServer;

/// <summary><c>bench.Echo</c> on grpc-dotnet: the handler does nothing but hand the request back.</summary>
internal sealed class EchoService : Echo.EchoBase
{
    // A completed task, no allocation beyond the Task itself: what is measured is the transport.
    public override Task<Msg> Unary(Msg request, ServerCallContext context) => Task.FromResult(request);
}
