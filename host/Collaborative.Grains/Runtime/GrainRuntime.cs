using System.Collections.Concurrent;
using System.Collections.Frozen;
using Collaborative.Grains.Concurrency;
using Collaborative.Grains.Hosting;
using Collaborative.Grains.References;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Collaborative.Grains.Runtime;

/// <summary>
/// The grain directory and lifecycle of this host: one activation per grain id, created on first call, collected when
/// idle, all deactivated (after in-flight calls drain) when the host stops.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IHostedService
{
    internal static readonly ResiliencePropertyKey<GrainId> ConflictTargetKey = new("Collaborative.Grains.ConflictTarget");

    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly FrozenDictionary<Type, GrainInterfaceInfo> _interfaces;
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _systemClock;
    private ITimer? _collector;
    private volatile bool _isStopping;

    public GrainRuntime(IServiceProvider services, IOptions<GrainRuntimeOptions> options, GrainRegistry registry, TimeProvider? timeProvider = null, ILogger<GrainRuntime>? logger = null)
    {
        Services = services;
        Options = options.Value;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _systemClock = TimeProvider == TimeProvider.System;
        Logger = logger ?? (ILogger)NullLogger.Instance;
        _interfaces = registry.Build();
        if (Options.InconsistentStateRetries > 0)
        {
            ConflictPipeline = new ResiliencePipelineBuilder { TimeProvider = TimeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    // Only the called grain's own conflict is retried: a conflict of a grain further down the chain
                    // was already retried there.
                    ShouldHandle = static args => ValueTask.FromResult(
                        args.Outcome.Exception is InconsistentStateException { GrainId: { } conflicted }
                        && args.Context.Properties.TryGetValue(ConflictTargetKey, out var target)
                        && conflicted == target),
                    MaxRetryAttempts = Options.InconsistentStateRetries,
                    Delay = Options.InconsistentStateRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
        }
    }

    /// <summary>Tells this runtime's storage notifications apart from other hosts' (and other runtimes' in tests).</summary>
    internal string HostId { get; } = Guid.NewGuid().ToString("N");

    internal IServiceProvider Services { get; }

    internal GrainRuntimeOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal ResiliencePipeline? ConflictPipeline { get; }

    internal CancellationToken StoppingToken => _stopping.Token;

    internal int ActivationCount => _activations.Count;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        if (!_interfaces.TryGetValue(typeof(TGrainInterface), out var info))
        {
            throw new ArgumentException(
                $"No grain class implements {typeof(TGrainInterface).Name}; register one with AddGrain<{typeof(TGrainInterface).Name}, TGrain>() " +
                "or AddGrainsFromAssembly(...).", nameof(TGrainInterface));
        }

        return (TGrainInterface)GrainProxy.Create(this, info, new GrainId(info.GrainClass.GrainType, primaryKey));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolve every storage a grain class names now, so a missing or misconfigured one stops the host at start
        // (and the SQLite file is created on first run) rather than failing the first call.
        foreach (var storageName in _interfaces.Values.SelectMany(i => i.GrainClass.StorageNames).Distinct())
        {
            _ = Services.GetKeyedService<IGrainStorage>(storageName) ?? throw new InvalidOperationException(
                $"A grain class uses storage '{storageName}', but none is registered under that name. Register it with " +
                $"AddSqliteGrainStorage(\"{storageName}\", ...), AddPostgresGrainStorage or AddMemoryGrainStorage.");
        }

        _collector = TimeProvider.CreateTimer(static runtime => ((GrainRuntime)runtime!).CollectIdleActivations(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _isStopping = true;
        _collector?.Dispose();
        using var cancel = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopping);
        try
        {
            // Activations created concurrently with the first snapshot get a second pass; no new ones start after.
            while (!_activations.IsEmpty)
            {
                var pending = _activations.Values.Select(a => a.DeactivateForShutdownAsync()).ToArray();
                await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("Host shutdown timed out with {Count} grain activations still deactivating.", _activations.Count);
        }
    }

    internal GrainActivation GetOrCreateActivation(GrainId id, GrainClassInfo grainClass)
    {
        if (_activations.TryGetValue(id, out var activation))
        {
            return activation;
        }

        if (_isStopping)
        {
            throw new InvalidOperationException($"The grain runtime is shutting down; grain {id} cannot be activated.");
        }

        return _activations.GetOrAdd(id, static (id, state) => new GrainActivation(state.Runtime, state.GrainClass, id), (Runtime: this, GrainClass: grainClass));
    }

    /// <summary>A call through a grain reference.</summary>
    internal Task Call(GrainProxy proxy, GrainInterfaceInfo target, GrainMethodInvoker invoker, object?[]? args)
    {
        var chain = CallChain.Current;
        GrainActivation activation;
        try
        {
            activation = proxy.GetActivation();
        }
        catch (Exception e)
        {
            return invoker.Faulted(e);
        }

        return CallActivation(activation, target, invoker, args, chain, retryConflicts: true);
    }

    /// <summary>A retry after a conflict: same call, fresh activation, no nested retrying.</summary>
    internal Task CallAgain(GrainInterfaceInfo target, GrainId id, GrainMethodInvoker invoker, object?[]? args, CallChain? chain)
    {
        try
        {
            return CallActivation(GetOrCreateActivation(id, target.GrainClass), target, invoker, args, chain, retryConflicts: false);
        }
        catch (Exception e)
        {
            return invoker.Faulted(e);
        }
    }

    /// <summary>Another host changed this grain's stored state: drop our copy once its current call is done.</summary>
    internal void InvalidateActivation(GrainId id, string why)
    {
        if (_activations.TryGetValue(id, out var activation))
        {
            activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.RuntimeRequested, why));
        }
    }

    internal void InvalidateAllActivations(string why)
    {
        foreach (var activation in _activations.Values)
        {
            activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.RuntimeRequested, why));
        }
    }

    /// <summary>Monotonic milliseconds for idle ages. Read on every call, so the system clock takes the cheapest path;
    /// any other <see cref="System.TimeProvider"/> (tests) is honoured.</summary>
    internal long NowMilliseconds() => _systemClock
        ? Environment.TickCount64
        : TimeProvider.GetTimestamp() * 1000 / TimeProvider.TimestampFrequency;

    internal void Remove(GrainActivation activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));

    private static Task CallActivation(GrainActivation activation, GrainInterfaceInfo target, GrainMethodInvoker invoker, object?[]? args, CallChain? chain, bool retryConflicts)
    {
        if (chain is not null && !invoker.AlwaysInterleave && !target.GrainClass.Reentrant && chain.Contains(activation.Id))
        {
            return invoker.Faulted(new DeadlockException(chain.Describe(activation.Id)));
        }

        return activation.Call(target, invoker, args, chain, retryConflicts);
    }

    private void CollectIdleActivations()
    {
        var now = NowMilliseconds();
        var age = (long)Options.CollectionAge.TotalMilliseconds;
        foreach (var activation in _activations.Values)
        {
            activation.CollectIfIdle(now, age);
        }
    }
}
