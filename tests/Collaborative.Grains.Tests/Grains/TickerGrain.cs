using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Grains;

internal interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task StopTicking();

    Task Hold(string gate);

    Task Deactivate();
}

internal sealed class TickerGrain(GrainProbe probe) : Grain, ITickerGrain
{
    private IGrainTimer? _timer;
    private bool _inCall;

    public Task Start(TimeSpan period)
    {
        _timer = RegisterGrainTimer(Tick, period, period);
        return Task.CompletedTask;
    }

    public Task StopTicking()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Hold(string gate)
    {
        _inCall = true;
        probe.Record($"hold-start:{this.GetPrimaryKeyString()}");
        await probe.Gate(gate);
        _inCall = false;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (_inCall)
        {
            probe.Record("TICK-DURING-CALL");
        }

        if (SynchronizationContext.Current is null)
        {
            probe.Record("TICK-OUTSIDE-TURN");
        }

        probe.Increment($"ticks:{this.GetPrimaryKeyString()}");
        await Task.Yield();
    }
}
