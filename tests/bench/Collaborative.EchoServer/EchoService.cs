using Collaborative.Bench;
using Collaborative.Grpc.Server;

namespace Collaborative.EchoServer;

/// <summary><c>bench.Echo</c> on our transport: the handler does nothing but hand the request back.</summary>
internal sealed class EchoService
{
    // A completed task, no allocation beyond the Task itself: what is measured is the transport.
    public Task<Msg> Unary(Msg request, ServerCallContext context) => Task.FromResult(request);
}
