using Collaborative.Contracts;
using Collaborative.Contracts.V1;
using Collaborative.Grpc;
using Collaborative.Grpc.Client;

namespace Collaborative.Host.Cli;

/// <summary>A running host, over host.proto with our own gRPC client.</summary>
internal sealed class HostConnection(string address, string? token) : IProgrammeClient
{
    private static readonly Method<GetProgrammeRequest, ProgrammeView> GetProgramme = Create<GetProgrammeRequest, ProgrammeView>("GetProgramme");
    private static readonly Method<GetGoalProgressRequest, GoalProgress> GetGoalProgress = Create<GetGoalProgressRequest, GoalProgress>("GetGoalProgress");
    private static readonly Method<ListGoalProgressRequest, ListGoalProgressResponse> ListGoalProgress = Create<ListGoalProgressRequest, ListGoalProgressResponse>("ListGoalProgress");
    private static readonly Method<ListObservationsRequest, ListObservationsResponse> ListObservations = Create<ListObservationsRequest, ListObservationsResponse>("ListObservations");
    private static readonly Method<CheckAlignmentRequest, AlignmentReport> CheckAlignment = Create<CheckAlignmentRequest, AlignmentReport>("CheckAlignment");
    private static readonly Method<ListPluginsRequest, ListPluginsResponse> ListPlugins = Create<ListPluginsRequest, ListPluginsResponse>("ListPlugins");
    private static readonly Method<Observation, ObservationAck> ReportObservations = Create<Observation, ObservationAck>("ReportObservations");

    // Reads are quick; a host that takes longer than this is stuck, and a pipeline should not hang on it.
    private static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(60);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(address);

    public bool IsEmbedded => false;

    public Task<ProgrammeView> GetProgrammeAsync(CancellationToken cancellationToken) =>
        _channel.UnaryAsync(GetProgramme, new GetProgrammeRequest(), Read(cancellationToken));

    public Task<GoalProgress> GetGoalProgressAsync(string goalId, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(GetGoalProgress, new GetGoalProgressRequest { GoalId = goalId }, Read(cancellationToken));

    public Task<ListGoalProgressResponse> ListGoalProgressAsync(CancellationToken cancellationToken) =>
        _channel.UnaryAsync(ListGoalProgress, new ListGoalProgressRequest(), Read(cancellationToken));

    public Task<ListObservationsResponse> ListObservationsAsync(string measureId, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(ListObservations, new ListObservationsRequest { MeasureId = measureId }, Read(cancellationToken));

    public Task<AlignmentReport> CheckAlignmentAsync(string asOf, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CheckAlignment, new CheckAlignmentRequest { AsOf = asOf }, Read(cancellationToken));

    public async Task<ListPluginsResponse?> ListPluginsAsync(CancellationToken cancellationToken) =>
        await _channel.UnaryAsync(ListPlugins, new ListPluginsRequest(), Read(cancellationToken));

    public async Task<IReadOnlyList<ObservationAck>> ReportObservationsAsync(IReadOnlyList<Observation> observations, Action<ObservationAck> acknowledged, CancellationToken cancellationToken)
    {
        // No deadline: a large import takes as long as it takes; Ctrl+C cancels it.
        using var call = _channel.AsyncDuplexStreamingCall(ReportObservations, new CallOptions { Headers = Headers(), CancellationToken = cancellationToken });
        var acks = new List<ObservationAck>(observations.Count);
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                acks.Add(call.ResponseStream.Current);
                acknowledged(call.ResponseStream.Current);
            }
        }, cancellationToken);

        Exception? writeFailure = null;
        try
        {
            foreach (var observation in observations)
            {
                await call.RequestStream.WriteAsync(observation, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The host may have ended the call (e.g. refused an observation): the response stream's
            // status says why, so it wins over this write's error.
            writeFailure = ex;
        }

        await reading;
        if (writeFailure is not null)
        {
            throw writeFailure;
        }

        return acks;
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private CallOptions Read(CancellationToken cancellationToken) =>
        new() { Headers = Headers(), Deadline = DateTime.UtcNow + ReadDeadline, CancellationToken = cancellationToken };

    // Single-user loopback mode needs no token; with access control on, the host reads this header.
    private Metadata? Headers() => string.IsNullOrEmpty(token) ? null : new Metadata().Add("authorization", $"Bearer {token}");

    private static Method<TRequest, TResponse> Create<TRequest, TResponse>(string name)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> =>
        Method.Create<TRequest, TResponse>(ServiceDescriptors.Host, name);
}
