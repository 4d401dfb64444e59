using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Collaborative.Host.Plugins;

/// <summary>
/// The Polly pipelines for one plugin, kept across its restarts: a timeout per attempt and a circuit
/// breaker for every call, and jittered retries around idempotent ones. The breaker's state is what
/// the CLI, dashboard and health show.
/// </summary>
internal sealed class PluginCallPolicy
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();

    public PluginCallPolicy(PluginHostOptions options)
    {
        var transient = new PredicateBuilder()
            .Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown)
            .Handle<TimeoutRejectedException>();
        Calls = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerDuration,
                StateProvider = _state,
                ManualControl = _control,
                ShouldHandle = transient,
            })
            .AddTimeout(options.CallTimeout)
            .Build();
        Retries = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = transient,
            })
            .Build();
    }

    /// <summary>Breaker, then a timeout per attempt.</summary>
    public ResiliencePipeline Calls { get; }

    /// <summary>Retries with jittered exponential backoff, for idempotent calls only.</summary>
    public ResiliencePipeline Retries { get; }

    public CircuitState BreakerState => _state.CircuitState;

    /// <summary>A new process starts with a closed breaker: the failures that opened it belonged to the old one.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => _control.CloseAsync(cancellationToken);
}
