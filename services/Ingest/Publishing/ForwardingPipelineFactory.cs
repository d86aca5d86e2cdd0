using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SeedSearch.Ingest.Options;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Builds the one Polly pipeline that wraps every call to the search service: retry with
/// exponential backoff and jitter (outermost), a circuit breaker, then a per-attempt timeout.
/// Only transient gRPC failures are handled; INVALID_ARGUMENT and friends fail at once.
/// </summary>
public static class ForwardingPipelineFactory
{
    /// <summary>Status codes worth retrying: the call may succeed if made again unchanged.</summary>
    public static readonly IReadOnlySet<StatusCode> TransientCodes = new HashSet<StatusCode>
    {
        StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.Aborted,
        StatusCode.ResourceExhausted, StatusCode.Internal, StatusCode.Unknown,
    };

    /// <summary>
    /// Creates the pipeline from options, using <paramref name="time"/> for delays and timeouts;
    /// <paramref name="circuit"/>, when given, reports the breaker's state.
    /// </summary>
    public static ResiliencePipeline Create(PublishingOptions options, TimeProvider time, CircuitBreakerStateProvider? circuit = null)
    {
        var transient = new PredicateBuilder()
            .Handle<RpcException>(e => TransientCodes.Contains(e.StatusCode))
            .Handle<HttpRequestException>()
            // A stream write to a search process that died mid-call fails with the socket's
            // IOException ("The request was aborted"), not an RpcException.
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = circuit,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The breaker state <paramref name="circuit"/> reports, in the forwarder's own terms.</summary>
    public static ForwardingCircuit StateOf(CircuitBreakerStateProvider circuit) => circuit.CircuitState switch
    {
        CircuitState.Open => ForwardingCircuit.Open,
        CircuitState.HalfOpen => ForwardingCircuit.HalfOpen,
        CircuitState.Isolated => ForwardingCircuit.Isolated,
        _ => ForwardingCircuit.Closed,
    };
}
