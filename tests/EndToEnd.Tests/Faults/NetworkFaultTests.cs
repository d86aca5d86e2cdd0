using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;

namespace SeedSearch.EndToEnd.Tests.Faults;

/// <summary>
/// Resets, latency and stalls on the network path from ingest to search (a <see cref="TcpFaultProxy"/>):
/// what ingest acknowledged reaches the index exactly once, and the circuit breaker opens and closes.
/// </summary>
public sealed class NetworkFaultTests
{
    private const int ChunkSize = 50;
    private const int BatchSize = 20;

    // Fast failure detection, so each fault shows within a few seconds: a stalled attempt times
    // out after 1 s, and 4 failures in 10 s open the circuit for half a second.
    private static readonly Dictionary<string, string?> IngestSettings = new()
    {
        ["Publishing:BatchSize"] = $"{BatchSize}",
        ["Publishing:MaxRetryAttempts"] = "1",
        ["Publishing:AttemptTimeout"] = "00:00:01",
        ["Publishing:BreakerMinimumThroughput"] = "4",
        ["Publishing:BreakerSamplingDuration"] = "00:00:10",
        ["Publishing:BreakerBreakDuration"] = "00:00:00.500",
    };

    private static readonly TimeSpan FaultTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task IngestArticles_ProxyCyclesDropLatencyStall_EveryAcknowledgedArticleIndexedOnce()
    {
        await using var system = TestSystem.Start(ingestSettings: IngestSettings, faultProxy: true);
        var proxy = system.Proxy;
        var sent = 0;

        await SendChunkAsync(system, sent);
        sent += ChunkSize;
        await UntilAsync(system, s => s.OutboxDepth == 0, "the first chunk forwarded without faults");

        proxy.Mode = FaultMode.Drop;
        await SendChunkAsync(system, sent);
        sent += ChunkSize;
        await UntilAsync(system, s => s.Circuit == CircuitState.Open, "the circuit opened while connections were reset");
        Assert.True(proxy.Resets > 0);
        Assert.True((await StatusAsync(system)).OutboxDepth > 0);

        proxy.Mode = FaultMode.Latency;
        await SendChunkAsync(system, sent);
        sent += ChunkSize;
        await UntilAsync(system, s => s.OutboxDepth == 0 && s.Circuit == CircuitState.Closed, "the circuit closed and the outbox drained under latency");
        Assert.True(proxy.DelayedChunks > 0);

        proxy.Mode = FaultMode.Stall;
        await SendChunkAsync(system, sent);
        sent += ChunkSize;
        await UntilAsync(system, s => s.LastError.Contains("timeout", StringComparison.OrdinalIgnoreCase), "attempts timed out on a stalled connection");
        Assert.True((await StatusAsync(system)).OutboxDepth > 0);

        proxy.Mode = FaultMode.PassThrough;
        for (var i = 0; i < 2; i++)
        {
            await SendChunkAsync(system, sent);
            sent += ChunkSize;
        }

        await UntilAsync(system, s => s.OutboxDepth == 0 && s.LastError.Length == 0, "the outbox drained after the faults");
        var status = await StatusAsync(system);
        Assert.Equal(CircuitState.Closed, status.Circuit);
        Assert.Equal(0, status.DeadLetterCount);
        await AssertIndexedOnceAsync(system, sent);
    }

    // The forwarder reads at most one batch from the outbox file into memory; everything else
    // waits on disk. The peak in-flight count is the deterministic measure of that bound.
    // Process memory would be a poor one here: both services and the test share one process and
    // one garbage-collected heap, so its size says more about GC timing than about ingest.
    [Fact]
    public async Task IngestArticles_SearchUnreachable_IngestHoldsAtMostOneBatchInMemory()
    {
        const int chunks = 10;
        await using var system = TestSystem.Start(ingestSettings: IngestSettings, faultProxy: true);
        system.Proxy.Mode = FaultMode.Drop;

        for (var i = 0; i < chunks; i++)
        {
            await SendChunkAsync(system, i * ChunkSize);
        }

        await UntilAsync(system, s => s.Circuit == CircuitState.Open, "the circuit opened while search was unreachable");
        var waiting = await StatusAsync(system);
        Assert.Equal(chunks * ChunkSize, waiting.OutboxDepth);
        Assert.Equal(0, waiting.ForwardedCount);
        Assert.Equal(BatchSize, waiting.PeakInFlightCount);
        Assert.InRange(waiting.InFlightCount, 0, BatchSize);

        system.Proxy.Mode = FaultMode.PassThrough;
        await UntilAsync(system, s => s.OutboxDepth == 0, "the outbox drained once search was reachable");
        var drained = await StatusAsync(system);
        Assert.Equal(BatchSize, drained.PeakInFlightCount);
        Assert.Equal(0, drained.InFlightCount);
        await AssertIndexedOnceAsync(system, chunks * ChunkSize);
    }

    private static async Task SendChunkAsync(TestSystem system, int first)
    {
        var response = await ResilienceTests.IngestAsync(system.IngestClient, Enumerable.Range(first, ChunkSize).Select(ResilienceTests.Article));
        // Acknowledged: stored in the outbox, whatever the network to search is doing.
        Assert.Equal(ChunkSize, response.AcceptedCount);
    }

    private static async Task<GetStatusResponse> StatusAsync(TestSystem system) =>
        await system.IngestClient.GetStatusAsync(new GetStatusRequest());

    private static Task UntilAsync(TestSystem system, Func<GetStatusResponse, bool> condition, string what)
    {
        GetStatusResponse? last = null;
        return Poll.UntilAsync(async () => condition(last = await StatusAsync(system)), FaultTimeout, () => $"{what}; last status: {last}");
    }

    /// <summary>Every acknowledged article is found by id, and the index holds nothing else: none lost, none twice.</summary>
    internal static async Task AssertIndexedOnceAsync(TestSystem system, int count)
    {
        Assert.Equal(count, system.Search.Services.GetRequiredService<ArticleIndex>().DocumentCount);
        Assert.Equal(count, await ResilienceTests.TotalHitsAsync(system.SearchClient));
        var missing = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = ResilienceTests.Article(i).Id;
            try
            {
                await system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = id });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                missing.Add(id);
            }
        }

        Assert.Empty(missing);
    }
}
