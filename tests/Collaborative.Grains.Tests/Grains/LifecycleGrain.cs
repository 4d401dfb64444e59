using Collaborative.Grains.Tests.Infrastructure;

namespace Collaborative.Grains.Tests.Grains;

/// <summary>Records its activations and deactivations; fails activation while the probe says so.</summary>
internal interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> Ping();

    Task DeactivateAfterThisCall();

    Task Hold(string gate);
}

internal sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private readonly GrainProbe _probe;
    private readonly int _generation;

    public LifecycleGrain(GrainProbe probe)
    {
        _probe = probe;
        if (probe.Count($"ctor-fails:{this.GetPrimaryKeyString()}") > probe.Count($"ctor-attempts:{this.GetPrimaryKeyString()}"))
        {
            probe.Increment($"ctor-attempts:{this.GetPrimaryKeyString()}");
            throw new GrainFailureException("constructor failed");
        }

        _generation = probe.Increment($"activations:{this.GetPrimaryKeyString()}");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        await Task.Yield();
        await _probe.GateIfClosed($"activate-gate:{key}");
        if (_probe.Count($"activate-fails:{key}") >= _generation)
        {
            throw new GrainFailureException($"activation {_generation} failed");
        }

        _probe.Record($"activated:{key}:{_generation}");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _probe.Record($"deactivated:{this.GetPrimaryKeyString()}:{_generation}:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(_generation);

    public Task DeactivateAfterThisCall()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task Hold(string gate)
    {
        _probe.Record($"hold-start:{this.GetPrimaryKeyString()}");
        await _probe.Gate(gate);
        _probe.Record($"hold-end:{this.GetPrimaryKeyString()}");
    }
}
