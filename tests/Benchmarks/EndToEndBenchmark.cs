using System.Diagnostics;
using System.Text;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Benchmarks;

/// <summary>
/// Streams the corpus through <c>ingest.v1.IngestService/IngestArticles</c> in chunks, each call
/// with <c>wait_for_indexed</c>, a few calls open at once; the clock stops at the last answer,
/// when the last article is searchable. Then checks through Search that every article arrived.
/// </summary>
internal static class EndToEndBenchmark
{
    private const int Samples = 100;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromHours(1);

    public static async Task<EndToEndResult> RunAsync(ScaleCorpus corpus, int chunkSize, int inFlight,
        IngestService.IngestServiceClient ingest, SearchService.SearchServiceClient search, CancellationToken cancellationToken)
    {
        var every = Math.Max(1, corpus.Articles / Samples);
        var sampleIds = new List<string>();
        var calls = new List<Task<IngestArticlesResponse>>();
        using var open = new SemaphoreSlim(inFlight);
        long bytes = 0;
        var index = 0;
        var clock = Stopwatch.StartNew();
        foreach (var chunk in DatasetFiles.EnumerateCorpus(corpus.Path).Chunk(chunkSize))
        {
            foreach (var article in chunk)
            {
                bytes += Encoding.UTF8.GetByteCount(article.Title) + Encoding.UTF8.GetByteCount(article.Body);
                if (index++ % every == 0)
                {
                    sampleIds.Add(article.Id);
                }
            }

            await open.WaitAsync(cancellationToken);
            calls.Add(SendAsync(ingest, chunk, open, cancellationToken));
        }

        var responses = await Task.WhenAll(calls);
        clock.Stop();

        var found = sampleIds.Count - await SearchChecks.CountMissingAsync(search, sampleIds, cancellationToken);
        return new EndToEndResult(
            index,
            responses.Sum(r => r.AcceptedCount),
            responses.Sum(r => r.RejectedCount),
            bytes,
            clock.Elapsed,
            await SearchChecks.TotalDocumentsAsync(search, cancellationToken),
            found,
            sampleIds.Count,
            responses.SelectMany(r => r.Rejected).Select(r => $"#{r.Index} {r.Id}: {r.Reason}").FirstOrDefault());
    }

    private static async Task<IngestArticlesResponse> SendAsync(IngestService.IngestServiceClient ingest, RawArticle[] chunk,
        SemaphoreSlim open, CancellationToken cancellationToken)
    {
        try
        {
            return await IngestCalls.StreamAsync(ingest, chunk, waitForIndexed: true, DateTime.UtcNow + CallDeadline, cancellationToken);
        }
        finally
        {
            open.Release();
        }
    }
}
