using System.Diagnostics;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Benchmarks;

/// <summary>The ingest calls every mode makes: a chunk streamed in one IngestArticles call, and waiting for the outbox to drain.</summary>
internal static class IngestCalls
{
    /// <summary>Streams <paramref name="chunk"/> in one <c>IngestArticles</c> call and returns its answer.</summary>
    public static async Task<IngestArticlesResponse> StreamAsync(IngestService.IngestServiceClient ingest, IEnumerable<RawArticle> chunk,
        bool waitForIndexed, DateTime? deadline, CancellationToken cancellationToken)
    {
        using var call = ingest.IngestArticles(deadline: deadline, cancellationToken: cancellationToken);
        foreach (var article in chunk)
        {
            await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = waitForIndexed }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>The ids of <paramref name="chunk"/> that <paramref name="response"/> did not reject: acknowledged, so they must become searchable.</summary>
    public static IEnumerable<string> AcceptedIds(IReadOnlyList<RawArticle> chunk, IngestArticlesResponse response)
    {
        var rejected = response.Rejected.Select(r => r.Index).ToHashSet();
        return chunk.Where((_, i) => !rejected.Contains(i)).Select(a => a.Id);
    }

    /// <summary>
    /// Polls <c>GetStatus</c> until the outbox is empty or <paramref name="timeout"/> has passed;
    /// returns the depth last seen and the time waited. A new client per poll: ingest may have been restarted.
    /// </summary>
    public static async Task<(long Depth, TimeSpan Waited)> WaitForDrainAsync(Func<IngestService.IngestServiceClient> ingest, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long depth;
        do
        {
            await Task.Delay(500, cancellationToken);
            depth = (await ingest().GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken)).OutboxDepth;
        }
        while (depth > 0 && clock.Elapsed < timeout);

        return (depth, clock.Elapsed);
    }

    /// <summary>
    /// Streams <paramref name="chunk"/> without waiting for indexing, again while ingest is being
    /// restarted: a chunk cut off by a killed ingest is sent again whole, and what was stored comes back UNCHANGED.
    /// </summary>
    public static async Task<IngestArticlesResponse> SendWithRetriesAsync(Func<IngestService.IngestServiceClient> ingest, RawArticle[] chunk,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StreamAsync(ingest(), chunk, waitForIndexed: false, deadline: null, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxSendAttempts && ex is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled }
                or IOException or HttpRequestException or ObjectDisposedException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private const int MaxSendAttempts = 120;
}
