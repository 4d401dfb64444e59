using System.Globalization;
using Collaborative.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Host.Tests;

/// <summary>
/// A partner's system reporting a long monthly series over ReportObservations, as a real one would through a load
/// balancer: several observations in flight, each acknowledgement checked in order, and when the stream breaks
/// (its host died, or the host could not reach the measure's grain) it reconnects to whichever host
/// <c>route</c> gives and re-sends everything not yet acknowledged. Thread-safe to read while it runs.
/// </summary>
internal sealed class ReportingPartner(string measureId, string idPrefix, int from, int count, int inFlight = 16)
{
    private static readonly Method<Observation, ObservationAck> Report = GrpcTestCalls.Method<Observation, ObservationAck>(Collaborative.Contracts.V1.Host.Descriptor, "ReportObservations");

    private readonly List<(string Id, DateTime At, string Host)> _acknowledged = [];
    private readonly List<(DateTime At, string Why)> _breaks = [];

    /// <summary>
    /// Observation <paramref name="index"/> (from 0) of the series: id <c>PREFIX-N</c> and month N after January 1900,
    /// where N is <c>from</c> + <paramref name="index"/>, so series with the same prefix and separate ranges never collide.
    /// </summary>
    public Observation this[int index] => new()
    {
        Id = $"{idPrefix}-{from + index}",
        MeasureId = measureId,
        Period = new DateOnly(1900, 1, 1).AddMonths(from + index).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        Value = 1000 + from + index,
        Source = "test-partner",
    };

    /// <summary>The ids of the whole series, in order.</summary>
    public IEnumerable<string> Ids => Enumerable.Range(0, count).Select(i => this[i].Id);

    /// <summary>How many observations have been acknowledged.</summary>
    public int Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return _acknowledged.Count;
            }
        }
    }

    /// <summary>Every acknowledgement: the observation's id, when, and through which host.</summary>
    public IReadOnlyList<(string Id, DateTime At, string Host)> Acknowledgements
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Why and when each stream broke, for a failure message.</summary>
    public string Breaks
    {
        get
        {
            lock (_breaks)
            {
                return string.Join("\n", _breaks.Select(b => $"{b.At:HH:mm:ss.fff} {b.Why}"));
            }
        }
    }

    /// <summary>
    /// Reports the whole series, reconnecting through <paramref name="route"/> (a host's name and channel) after each
    /// break, until every observation is acknowledged or <paramref name="cancellationToken"/> gives up.
    /// </summary>
    public async Task RunAsync(Func<(string Name, GrpcChannel Channel)> route, CancellationToken cancellationToken)
    {
        while (Acknowledged < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (name, channel) = route();
            try
            {
                await StreamAsync(name, channel, cancellationToken);
            }
            // A channel disposed under it is a host that was stopped while the partner was between attempts.
            catch (Exception ex) when (ex is RpcException or IOException or HttpRequestException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                lock (_breaks)
                {
                    _breaks.Add((DateTime.UtcNow, $"{name}: {ex.Message}"));
                }

                // A back-off between attempts, as a partner's retry policy would have; not a signal.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>One stream from the first unacknowledged observation; returns when all are acknowledged.</summary>
    private async Task StreamAsync(string host, GrpcChannel channel, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = channel.AsyncDuplexStreamingCall(Report, new CallOptions(cancellationToken: stop.Token));
        using var window = new SemaphoreSlim(inFlight);
        var first = Acknowledged;
        var writing = Task.Run(async () =>
        {
            for (var i = first; i < count; i++)
            {
                await window.WaitAsync(stop.Token);
                await call.RequestStream.WriteAsync(this[i], stop.Token);
            }

            await call.RequestStream.CompleteAsync();
        }, stop.Token);

        try
        {
            for (var next = first; next < count; next++)
            {
                if (!await call.ResponseStream.MoveNext(stop.Token))
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"{host} ended the stream after {next} of {count} acknowledgements"));
                }

                var ack = call.ResponseStream.Current;
                Assert.Equal(this[next].Id, ack.ObservationId);
                lock (_acknowledged)
                {
                    _acknowledged.Add((ack.ObservationId, DateTime.UtcNow, host));
                }

                window.Release();
            }

            await writing;
            if (await call.ResponseStream.MoveNext(stop.Token))
            {
                throw new InvalidOperationException($"{host} answered more than one acknowledgement per observation: {call.ResponseStream.Current}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException)
            {
                // The stream broke or was given up: the loop above says why.
            }
        }
    }
}
