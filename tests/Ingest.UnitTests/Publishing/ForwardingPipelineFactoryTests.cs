using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.UnitTests.Publishing;

public class ForwardingPipelineFactoryTests
{
    private readonly FakeTimeProvider _time = new();

    private static PublishingOptions Options(int retries = 3, int breakerThroughput = 100) => new()
    {
        MaxRetryAttempts = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        BreakerMinimumThroughput = breakerThroughput,
        BreakerFailureRatio = 0.5,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(10),
    };

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task Execute_TransientFailures_AreRetriedUntilSuccess(StatusCode code)
    {
        var pipeline = ForwardingPipelineFactory.Create(Options(), _time);
        var attempts = 0;

        var result = await RunWithFakeTime(pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new RpcException(new Status(code, "down")) : ValueTask.FromResult("ok");
        }, CancellationToken.None).AsTask());

        Assert.Equal("ok", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Execute_StreamAbortedBySearchDying_IsRetried()
    {
        // What a client stream write throws when the search process is SIGKILLed mid-call
        // (found by the crash run): an IOException, not an RpcException.
        var pipeline = ForwardingPipelineFactory.Create(Options(), _time);
        var attempts = 0;

        var result = await RunWithFakeTime(pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 2 ? throw new IOException("The request was aborted.") : ValueTask.FromResult("ok");
        }, CancellationToken.None).AsTask());

        Assert.Equal("ok", result);
        Assert.Equal(2, attempts);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.PermissionDenied)]
    public async Task Execute_PermanentFailure_IsNotRetried(StatusCode code)
    {
        var pipeline = ForwardingPipelineFactory.Create(Options(), _time);
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<RpcException>(() => pipeline.ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw new RpcException(new Status(code, "bad"));
        }, CancellationToken.None).AsTask());

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Execute_RetriesExhausted_ThrowsTheLastError()
    {
        var pipeline = ForwardingPipelineFactory.Create(Options(retries: 2), _time);
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunWithFakeTime(pipeline.ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw new RpcException(new Status(StatusCode.Unavailable, "down"));
        }, CancellationToken.None).AsTask()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Execute_HungAttempt_TimesOutAndIsRetried()
    {
        var pipeline = ForwardingPipelineFactory.Create(Options(), _time);
        var attempts = 0;

        var result = await RunWithFakeTime(pipeline.ExecuteAsync(async token =>
        {
            if (++attempts == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, token);
            }

            return "ok";
        }, CancellationToken.None).AsTask());

        Assert.Equal("ok", result);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Execute_RepeatedFailures_OpenTheCircuitAndStopCallingSearch()
    {
        var circuit = new CircuitBreakerStateProvider();
        var pipeline = ForwardingPipelineFactory.Create(Options(retries: 0, breakerThroughput: 2), _time, circuit);
        var attempts = 0;
        ValueTask<string> Failing(CancellationToken _)
        {
            attempts++;
            throw new RpcException(new Status(StatusCode.Unavailable, "down"));
        }

        await Assert.ThrowsAsync<RpcException>(() => pipeline.ExecuteAsync(Failing, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<RpcException>(() => pipeline.ExecuteAsync(Failing, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<BrokenCircuitException>(() => pipeline.ExecuteAsync(Failing, CancellationToken.None).AsTask());
        Assert.Equal(2, attempts);
        Assert.Equal(ForwardingCircuit.Open, ForwardingPipelineFactory.StateOf(circuit));

        // After the break duration a trial call goes through again and closes the circuit.
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("ok", await pipeline.ExecuteAsync(_ => ValueTask.FromResult("ok"), CancellationToken.None));
        Assert.Equal(ForwardingCircuit.Closed, ForwardingPipelineFactory.StateOf(circuit));
    }

    /// <summary>
    /// Advances fake time in small steps until the task completes. Each step briefly yields to
    /// the thread pool so continuations (the next attempt, the next delay) get scheduled; the
    /// loop is bounded, so a broken pipeline fails the test instead of hanging it.
    /// </summary>
    private async Task<T> RunWithFakeTime<T>(Task<T> task)
    {
        for (var step = 0; step < 2_000 && !task.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(task, Task.Delay(1));
        }

        Assert.True(task.IsCompleted, "the pipeline did not finish within 200 s of fake time");
        return await task;
    }
}
