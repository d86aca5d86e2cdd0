using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Watching;

namespace SeedSearch.Benchmarks;

/// <summary>
/// What standing queries cost indexing: the same articles matched against N open queries (the
/// hub's one background thread: analysis once per article or per bulk batch, the triggered queries,
/// a snippet per match), per article, one at a time and in bulk, as a ratio of raw Lucene.NET's and the service's own indexing
/// cost per article on one thread over the same corpus in the same run.
/// </summary>
internal static class WatchBenchmark
{
    // Matching is per article and does not depend on the index size; a sample keeps 1,000 queries quick.
    private const int MatchedArticles = 2000;
    private const int WarmupArticles = 100;
    private const int BatchSweepArticles = 1000;

    public static void Run(BenchmarkOptions options, ScaleCorpus corpus, SearchSettings settings, BenchmarkReport report)
    {
        var analyzers = settings.CreateAnalyzers();
        // Distinct queries as far as the generated kinds go (four kinds plus the dataset's), in a seeded order.
        var perKind = Math.Max(options.PerKind, (options.WatchQueries.Max() + 3) / 4);
        var queries = QuerySet.Build(options.Queries, DatasetFiles.ReadCorpus(options.SourceCorpus), analyzers, perKind, options.Seed)
            .ToList();
        new Random(options.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(queries));
        var parser = new ArticleQueryParser(analyzers, settings.Ranking);
        var articles = DatasetFiles.EnumerateCorpus(corpus.Path).Select(CeilingBenchmark.ToIndexed).Take(MatchedArticles).ToList();

        var costs = new List<(CeilingChain Chain, double Micros)>();
        foreach (var chain in new[] { CeilingChain.Raw, CeilingChain.Service })
        {
            var path = Path.Combine(options.Out, $"watch-ceiling-{chain.ToString().ToLowerInvariant()}");
            var run = CeilingBenchmark.Run(corpus, chain, 1, path, settings);
            Directory.Delete(path, recursive: true);
            costs.Add((chain, run.Elapsed.TotalMicroseconds / run.Articles));
            Console.WriteLine($"watch: {chain} indexing on 1 thread: {costs[^1].Micros:F0} µs/article");
        }

        var rows = new List<IReadOnlyList<string>>();
        var batchRows = new List<IReadOnlyList<string>>();
        foreach (var count in options.WatchQueries)
        {
            using var hub = new WatchHub(new ArticleMatcher(analyzers), new SnippetHighlighter(analyzers, settings.Query.SnippetLength),
                Microsoft.Extensions.Options.Options.Create(new WatchOptions { MaxStandingQueries = count, MaxPerClient = count }), NullLogger<WatchHub>.Instance);
            var subscriptions = Enumerable.Range(0, count).Select(i => queries[i % queries.Count])
                .Select(q => hub.Open("benchmark", new StandingQuery(parser.Parse(q.Text)!, q.PublishedAfter, null, q.Source is null ? [] : [q.Source], [])))
                .ToList();
            var dropped = new Dictionary<WatchSubscription, long>();
            foreach (var article in articles[..WarmupArticles])
            {
                hub.Match([article]);
            }

            hub.Match(articles[..WarmupArticles]);
            Drain(subscriptions, dropped);

            // Live news: each commit hands over one article.
            var started = Stopwatch.GetTimestamp();
            foreach (var article in articles)
            {
                hub.Match([article]);
            }

            var micros = Stopwatch.GetElapsedTime(started).TotalMicroseconds / articles.Count;
            started = Stopwatch.GetTimestamp();
            var matches = Drain(subscriptions, dropped);
            var snippets = Stopwatch.GetElapsedTime(started).TotalMicroseconds / articles.Count;

            foreach (var size in options.WatchBatches)
            {
                // Each way twice, alternated, on the same 1,000 articles.
                var perWay = new double[2];
                for (var round = 0; round < 4; round++)
                {
                    var inBatch = round % 2 == 1;
                    var t0 = Stopwatch.GetTimestamp();
                    foreach (var chunk in articles.Take(BatchSweepArticles).Chunk(size))
                    {
                        hub.Match(chunk, inBatch);
                    }

                    perWay[round % 2] += Stopwatch.GetElapsedTime(t0).TotalMicroseconds / BatchSweepArticles / 2;
                    Drain(subscriptions, dropped, snippets: false);
                }

                Console.WriteLine($"watch: {count} standing queries, batches of {size}: {perWay[0]:F0} µs/article with a MemoryIndex each, {perWay[1]:F0} in one batch index");
                batchRows.Add([$"{count:N0}", $"{size:N0}", $"{perWay[0]:N0}", $"{perWay[1]:N0}", WatchHub.InBatch(size, count) ? "batch index" : "MemoryIndex each"]);
            }

            // A bulk import: commits hand over thousands of articles at once.
            started = Stopwatch.GetTimestamp();
            hub.Match(articles);
            var bulk = Stopwatch.GetElapsedTime(started).TotalMicroseconds / articles.Count;
            var bulkMatches = Drain(subscriptions, dropped);
            Console.WriteLine($"watch: {count} standing queries: {micros:F0} µs/article one at a time, {bulk:F0} µs/article in bulk, " +
                $"{(double)matches / articles.Count:F2} matches/article ({(double)bulkMatches / articles.Count:F2} in bulk), snippets {snippets:F0} µs/article");
            rows.Add([$"{count:N0}", $"{articles.Count:N0}", $"{(double)matches / articles.Count:F2}", $"{micros:N0}",
                $"{micros / costs[0].Micros:F2}", $"{micros / costs[1].Micros:F2}", $"{bulk:N0}", $"{bulk / costs[0].Micros:F2}", $"{snippets:N0}"]);
            subscriptions.ForEach(s => s.Dispose());
        }

        if (batchRows.Count > 0)
        {
            report.Table("Standing queries: where the batch index pays",
                $"{BatchSweepArticles:N0} articles handed over in batches of each size and matched each way, twice, alternated (µs per article, mean of the two).",
                ["standing queries", "articles per batch", "a MemoryIndex each µs", "one batch index µs", "the hub takes"], batchRows);
        }

        report.Table("Standing queries: matching cost per indexed article",
            $"{articles.Count:N0} articles of the corpus matched against N open standing queries (distinct queries of the benchmark's kinds: the dataset's, " +
            "frequent words, two-word phrases, prefixes and filtered words keeping their source or date filter, in a seeded order) on one thread, as the service's matching loop does, after " +
            $"{WarmupArticles} warm-up articles: first handed over one at a time, as live commits do, then all at once, as a bulk import's commits do " +
            "(analysed into one small index per 1,024 articles, each query run once on it). Raw Lucene.NET indexing costs {costs[0].Micros:F0} µs and the service's own indexing " +
            $"{costs[1].Micros:F0} µs per article on one thread over the whole corpus in the same run. Matching runs after the " +
            "commit on its own thread: it adds CPU, not latency to the indexing call. Snippets are made by each stream as it sends a " +
            "match (last column: all of them, per article, on one thread).",
            ["standing queries", "articles", "matches / article", "µs / article, one at a time", "/ raw Lucene.NET indexing", "/ service indexing",
                "µs / article, in bulk", "/ raw Lucene.NET indexing", "snippets µs / article"], rows);
    }

    // Counts the matches delivered and dropped since the last drain, makes each delivered one's
    // snippet as a stream would (unless told not to), and empties the buffers.
    private static long Drain(List<WatchSubscription> subscriptions, Dictionary<WatchSubscription, long> droppedBefore, bool snippets = true)
    {
        long matches = -subscriptions.Sum(s => droppedBefore.GetValueOrDefault(s));
        foreach (var subscription in subscriptions)
        {
            while (subscription.Events.TryRead(out var e))
            {
                if (e.Article is not null)
                {
                    _ = snippets ? e.Snippet : null;
                    matches++;
                }
            }

            matches += subscription.Dropped;
            droppedBefore[subscription] = subscription.Dropped;
        }

        return matches;
    }
}
