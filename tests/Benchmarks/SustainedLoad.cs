using System.Collections.Concurrent;
using System.Diagnostics;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Benchmarks;

/// <summary>
/// Sustained mixed load on a fresh Ingest + Search pair: optionally preloads articles, then sends
/// articles to ingest and searches at fixed rates, open loop, through a warm-up and the measured
/// minutes, sampling both services' memory. Then waits for ingest's outbox to drain and checks
/// that every acknowledged article is searchable. Fails on any error, a search p99 over the
/// limit, RSS growing over the limit in the second half, or a missing article.
/// </summary>
internal static class SustainedLoad
{
    private const int PreloadChunk = 500;
    /// <summary>Deadline of each search call.</summary>
    public static readonly TimeSpan SearchDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IngestDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    public static async Task<bool> RunAsync(BenchmarkOptions options, SearchSettings settings, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var measured = TimeSpan.FromMinutes(options.Minutes);
        var ingestCalls = (double)options.IngestRate / options.IngestBatch;
        // Every call takes a full batch; one batch of slack for the rounding.
        var loadArticles = (int)Math.Ceiling(ingestCalls * (options.Warmup + measured).TotalSeconds + 1) * options.IngestBatch;
        var clock = Stopwatch.StartNew();
        var corpus = ScaleCorpus.Ensure(options.SourceCorpus, options.Preload + loadArticles, options.Seed, Path.Combine(options.Out, "corpora"));
        report.Corpus(corpus, options.SourceCorpus, options.Seed, clock.Elapsed);
        var queries = QuerySet.Build(options.Queries, DatasetFiles.ReadCorpus(options.SourceCorpus), settings.CreateAnalyzers(), options.PerKind, options.Seed);

        await using var system = await LocalSystem.StartAsync(options.Repo, Path.Combine(options.Out, "load"), options.SearchEnv, cancellationToken);
        var ingest = new IngestService.IngestServiceClient(system.IngestChannel);
        var search = new SearchService.SearchServiceClient(system.SearchChannel);
        using var feed = new ArticleFeed(corpus.Path);
        var acknowledged = new ConcurrentQueue<string>();
        var rejected = 0;

        if (options.Preload > 0)
        {
            clock.Restart();
            for (var sent = 0; sent < options.Preload;)
            {
                var chunk = feed.Next(Math.Min(PreloadChunk, options.Preload - sent));
                sent += chunk.Length > 0 ? chunk.Length : throw new InvalidOperationException("the corpus ran out of articles during the preload");
                var response = await IngestCalls.StreamAsync(ingest, chunk, waitForIndexed: false, DateTime.UtcNow + IngestDeadline, cancellationToken);
                rejected += response.RejectedCount;
                foreach (var id in IngestCalls.AcceptedIds(chunk, response))
                {
                    acknowledged.Enqueue(id);
                }
            }

            var (depth, _) = await IngestCalls.WaitForDrainAsync(() => ingest, DrainTimeout, cancellationToken);
            Console.WriteLine($"preload: {acknowledged.Count:N0} articles acknowledged, outbox depth {depth} after {clock.Elapsed.TotalSeconds:F1} s");
        }

        async Task IngestAsync(long _, CancellationToken ct)
        {
            var batch = feed.Next(options.IngestBatch);
            if (batch.Length == 0)
            {
                throw new InvalidOperationException("the load corpus ran out of articles");
            }

            var deadline = DateTime.UtcNow + IngestDeadline;
            if (options.IngestBatch == 1)
            {
                await ingest.IngestArticleAsync(new IngestArticleRequest { Article = batch[0] }, deadline: deadline, cancellationToken: ct);
                acknowledged.Enqueue(batch[0].Id);
                return;
            }

            var response = await IngestCalls.StreamAsync(ingest, batch, waitForIndexed: false, deadline, ct);
            Interlocked.Add(ref rejected, response.RejectedCount);
            foreach (var id in IngestCalls.AcceptedIds(batch, response))
            {
                acknowledged.Enqueue(id);
            }
        }

        var searches = new OpenLoop(options.Qps);
        var ingests = new OpenLoop(ingestCalls);
        // Both loops share one schedule; the warm-up is its unmeasured head.
        var start = Stopwatch.GetTimestamp();
        var measuredStart = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        using var sampler = new ResourceSampler(system, options.SampleInterval);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = sampler.RunAsync(measuredStart, stopSampling.Token);
        Console.WriteLine($"load: {options.Qps} searches/s and {options.IngestRate} articles/s for {options.Warmup.TotalSeconds:F0} s warm-up + {options.Minutes} min");
        await Task.WhenAll(
            searches.RunAsync(start, options.Warmup + measured, (i, ct) =>
                search.SearchAsync(queries[(int)(i % queries.Count)].ToRequest(), deadline: DateTime.UtcNow + SearchDeadline, cancellationToken: ct).ResponseAsync, cancellationToken),
            ingests.RunAsync(start, options.Warmup + measured, IngestAsync, cancellationToken));
        await stopSampling.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped in the middle of a scrape.
        }

        var (outboxLeft, drained) = await IngestCalls.WaitForDrainAsync(() => ingest, DrainTimeout, cancellationToken);
        var documents = await SearchChecks.TotalDocumentsAsync(search, cancellationToken);
        var missing = await SearchChecks.CountMissingAsync(search, acknowledged, cancellationToken);
        Console.WriteLine($"drain: outbox depth {outboxLeft} after {drained.TotalSeconds:F1} s; {acknowledged.Count:N0} acknowledged, {missing} not found, {documents:N0} documents");

        var result = new SustainedLoadResult(options, [.. queries.Select(q => q.Kind)], searches, ingests, sampler.Samples, rejected,
            acknowledged.Count, outboxLeft, drained, documents, missing);
        result.Write(report);
        return result.Passed;
    }
}
