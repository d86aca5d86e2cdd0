using Grpc.Core;

namespace SeedSearch.Benchmarks.Tests;

public class OpenLoopTests
{
    // 200 per second for 100 ms: operations 0 to 19.
    private const double Rate = 200;
    private const int Operations = 20;
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_FirstOperationStalls_LaterOperationsAreStillSent()
    {
        var loop = await RunWithFirstStalledAsync();

        Assert.Equal(Operations, loop.Outcomes.Count);
        Assert.All(loop.Outcomes, o => Assert.Null(o.Error));
    }

    [Fact]
    public async Task RunAsync_StalledOperation_LatencyCountsFromItsDueTime()
    {
        var loop = await RunWithFirstStalledAsync();

        // Operation 0 could not answer before the last operation was due.
        var outcomes = loop.Outcomes.OrderBy(o => o.At).ToList();
        Assert.Equal(0, outcomes[0].At);
        Assert.True(outcomes[0].LatencyMs >= outcomes[^1].At * 1000, $"{outcomes[0].LatencyMs} ms < {outcomes[^1].At * 1000} ms");
    }

    [Fact]
    public async Task RunAsync_FailedCalls_RecordedByStatusCode()
    {
        var loop = new OpenLoop(Rate);

        await loop.RunAsync(System.Diagnostics.Stopwatch.GetTimestamp(), Duration, (i, _) =>
            i % 2 == 1 ? throw new RpcException(new Status(StatusCode.Unavailable, "down")) : i == 4 ? throw new IOException("reset") : Task.CompletedTask,
            CancellationToken.None);

        var errors = loop.Outcomes.GroupBy(o => o.Error ?? "ok").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 9, ["Unavailable"] = 10, ["IOException"] = 1 }, errors);
    }

    [Fact]
    public async Task RunAsync_ZeroRate_SendsNothing()
    {
        var loop = new OpenLoop(0);
        var sent = 0;

        await loop.RunAsync(System.Diagnostics.Stopwatch.GetTimestamp(), Duration, (_, _) =>
        {
            sent++;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Empty(loop.Outcomes);
    }

    // Operation 0 answers only once the last one has been sent: a closed loop would never send it.
    private static async Task<OpenLoop> RunWithFirstStalledAsync()
    {
        var loop = new OpenLoop(Rate);
        var lastSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.RunAsync(System.Diagnostics.Stopwatch.GetTimestamp(), Duration, async (i, ct) =>
        {
            if (i == Operations - 1)
            {
                lastSent.SetResult();
            }

            if (i == 0)
            {
                await lastSent.Task.WaitAsync(Safety, ct);
            }
        }, CancellationToken.None);
        return loop;
    }
}
