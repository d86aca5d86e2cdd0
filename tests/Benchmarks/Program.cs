using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Lucene.Net.Search;
using SeedSearch.Benchmarks;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

// Throughput and latency benchmark, in one run: builds a scale corpus from real sentences,
// indexes it with raw Lucene.NET (the ceiling), streams it through a fresh Ingest + Search pair
// (end to end), runs closed-loop search loads over gRPC and in-process on the same index, and
// measures a raw Lucene.NET searcher on the same corpus and queries as the yardstick, and
// prints a markdown report (also <out>/report.md); --crash and --load run fault and sustained-load checks instead. Usage:
//   dotnet run -c Release --project tests/Benchmarks -- --source ../shared/data/govbr-news \
//     --queries ../shared/data/govbr-news-eval/queries.tsv --articles 100000 --seconds 20 --out /tmp/bench
return await CommandLineTool.RunAsync("benchmarks", args, BenchmarkOptions.Usage, BenchmarkOptions.Parse, (options, cancellationToken) =>
{
    CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    // Synchronous in-process workers each hold a pool thread; don't wait for the pool to grow.
    ThreadPool.GetMinThreads(out var workers, out var io);
    ThreadPool.SetMinThreads(Math.Max(workers, options.Concurrency.Max() + 8), io);
    return RunAsync(options, string.Join(' ', args), cancellationToken);
});

static async Task<int> RunAsync(BenchmarkOptions options, string arguments, CancellationToken cancellationToken)
{
    var wall = Stopwatch.StartNew();
    Directory.CreateDirectory(options.Out);
    var settings = SearchSettings.Load(options.Repo, options.SearchEnv);
    var report = new BenchmarkReport(MachineInfo.Read(options.Repo), $"dotnet run -c Release --project tests/Benchmarks -- {arguments}");
    var resources = new List<(string, string)>();

    if (options.Index is not null)
    {
        await ProfileIndexAsync(options, settings, report, cancellationToken);
        await WriteReportAsync(report, options.Out, wall);
        return 0;
    }

    if (options.DuplicateSample > 0)
    {
        await DuplicatesBenchmark.RunAsync(options, settings, report, cancellationToken);
        await WriteReportAsync(report, options.Out, wall);
        return 0;
    }

    if (options.Load)
    {
        var passed = await SustainedLoad.RunAsync(options, settings, report, cancellationToken);
        await WriteReportAsync(report, options.Out, wall);
        return passed ? 0 : 1;
    }

    var clock = Stopwatch.StartNew();
    var corpus = ScaleCorpus.Ensure(options.SourceCorpus, options.Articles, options.Seed, Path.Combine(options.Out, "corpora"));
    Console.WriteLine($"corpus: {corpus.Articles:N0} articles, {corpus.Bytes / 1e6:F1} MB, {(corpus.Reused ? "reused" : "generated")} {corpus.Path} ({clock.Elapsed.TotalSeconds:F1} s)");
    report.Corpus(corpus, options.SourceCorpus, options.Seed, clock.Elapsed);

    var ceilings = new List<CeilingResult>();
    var chains = options.SkipServiceCeiling ? [CeilingChain.Raw] : new[] { CeilingChain.Service, CeilingChain.Raw };
    if (options.ChaosKills > 0)
    {
        return await RunChaosAsync(options, corpus, settings, report, wall, cancellationToken);
    }

    if (options.WatchQueries.Count > 0)
    {
        WatchBenchmark.Run(options, corpus, settings, report);
        await WriteReportAsync(report, options.Out, wall);
        return 0;
    }

    foreach (var threads in options.SkipCeiling || options.CrashKills > 0 ? [] : options.CeilingThreads)
    {
        foreach (var chain in chains)
        {
            var indexPath = Path.Combine(options.Out, chain == CeilingChain.Raw ? $"raw-ceiling-index-{threads}t" : $"ceiling-index-{threads}t");
            DeleteFolder(indexPath);
            var run = CeilingBenchmark.Run(corpus, chain, threads, indexPath, settings);
            if (chain == CeilingChain.Raw || !options.KeepIndex || threads != options.CeilingThreads[^1])
            {
                DeleteFolder(indexPath);
            }

            Console.WriteLine($"ceiling, {run.Label}: {run.DocsPerSecond:N0} docs/s, {run.MegabytesPerSecond:F2} MB/s, {run.Elapsed.TotalSeconds:F1} s, index {run.IndexBytes / 1e6:F1} MB");
            ceilings.Add(run);
        }
    }

    if (options.CrashKills > 0)
    {
        return await CrashRun.RunAsync(options, corpus, cancellationToken) ? 0 : 1;
    }

    if (ceilings.Count > 0)
    {
        report.Ceiling(ceilings);
        resources.Add(("GC pause, ceiling runs (this process)", $"{ceilings.Sum(c => c.GcPause.TotalMilliseconds):N0} ms"));
    }

    if (!options.SkipEndToEnd)
    {
        await RunSystemAsync(options, corpus, ceilings, settings, report, resources, cancellationToken);
    }

    resources.Add(("GC pause, whole run (this process)", $"{GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms"));
    resources.Add(("GC mode (this process; the search service runs Server GC)", GCSettings.IsServerGC ? "Server" : "Workstation"));
    resources.Add(("GC collections gen0/gen1/gen2 (this process)", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    report.Resources(resources);
    await WriteReportAsync(report, options.Out, wall);
    return 0;
}

static async Task WriteReportAsync(BenchmarkReport report, string folder, Stopwatch wall)
{
    var text = report.ToString();
    var reportPath = Path.Combine(folder, "report.md");
    await File.WriteAllTextAsync(reportPath, text, CancellationToken.None);
    Console.WriteLine();
    Console.Write(text);
    Console.WriteLine();
    Console.WriteLine($"written to {reportPath}; wall time {wall.Elapsed.TotalSeconds:F0} s");
}

// End to end through a fresh system, then the search loads over gRPC and in-process on its index.
static async Task RunSystemAsync(BenchmarkOptions options, ScaleCorpus corpus, IReadOnlyList<CeilingResult> ceilings,
    SearchSettings settings, BenchmarkReport report, List<(string, string)> resources, CancellationToken cancellationToken)
{
    // A chunk may wait behind others before it is searchable; the default 30 s would cut large runs short.
    var ingestEnv = new Dictionary<string, string>(options.IngestEnv) { ["Outbox__MaxIndexWait"] = "01:00:00" };
    await using var system = await LocalSystem.StartAsync(options.Repo, Path.Combine(options.Out, "bench"), options.SearchEnv, cancellationToken, ingestEnv);
    var (searchCpu, ingestCpu) = (system.Search.CpuTime, system.Ingest.CpuTime);
    var e2e = await EndToEndBenchmark.RunAsync(corpus, options.Chunk, options.InFlight,
        new IngestService.IngestServiceClient(system.IngestChannel), new SearchService.SearchServiceClient(system.SearchChannel), cancellationToken);
    Console.WriteLine($"end to end: {e2e.DocsPerSecond:N0} docs/s, {e2e.MegabytesPerSecond:F2} MB/s, {e2e.Elapsed.TotalSeconds:F1} s, " +
        $"{e2e.Accepted:N0} accepted, {e2e.Rejected:N0} rejected, {e2e.SamplesFound}/{e2e.Samples} samples found");
    report.EndToEnd(e2e, ceilings, options.Chunk, options.InFlight);
    // Both services share the machine's cores: their CPU per article says where the end-to-end time goes.
    resources.Add(("Search CPU, end to end", CpuPerArticle(system.Search.CpuTime - searchCpu, e2e.Sent)));
    resources.Add(("Ingest CPU, end to end", CpuPerArticle(system.Ingest.CpuTime - ingestCpu, e2e.Sent)));

    resources.Add(("Search peak RSS, start-up + indexing", Megabytes(system.Search.PeakResidentBytes)));
    resources.Add(("Ingest peak RSS, whole run", Megabytes(system.Ingest.PeakResidentBytes)));
    resources.Add(("Index size on disk", Megabytes(CeilingBenchmark.DirectorySize(system.IndexPath))));

    await system.RestartSearchAsync(cancellationToken);
    Console.WriteLine($"search restarted over {e2e.Accepted:N0} articles: SERVING after {system.SearchStartup.TotalSeconds:F2} s");
    resources.Add(($"Search start-up to SERVING, {e2e.Accepted:N0} articles (process start included)", $"{system.SearchStartup.TotalMilliseconds:N0} ms"));
    if (options.SkipSearch)
    {
        return;
    }

    // The restarted process has a channel of its own.
    var search = new SearchService.SearchServiceClient(system.SearchChannel);
    var queries = QuerySet.Build(options.Queries, DatasetFiles.ReadCorpus(options.SourceCorpus), settings.CreateAnalyzers(), options.PerKind, options.Seed);
    var grpc = await RunLevelsAsync("gRPC", options, queries, (q, ct) =>
        search.SearchAsync(q.ToRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct).ResponseAsync, cancellationToken);
    resources.Add(("Search peak RSS after restart + search loads", Megabytes(system.Search.PeakResidentBytes)));

    // The service lets go of the index (and its write lock) before this process opens it.
    await system.StopAsync();
    var gcBefore = GC.GetTotalPauseDuration();
    using var local = InProcessSearch.Open(system.IndexPath, settings);
    Console.WriteLine($"in-process: opened {local.DocumentCount:N0} documents in {local.OpenTime.TotalMilliseconds:N0} ms");
    resources.Add(("In-process ArticleIndex open (writer, searcher, count)", $"{local.OpenTime.TotalMilliseconds:N0} ms"));
    var inProcess = await RunLevelsAsync("in-process", options, queries, (q, _) =>
    {
        local.Search(q);
        return Task.CompletedTask;
    }, cancellationToken);
    resources.Add(("GC pause, in-process search loads (this process)", $"{(GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds:N0} ms"));
    resources.Add(("Peak RSS of this process (ceiling, in-process search)", Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)));
    if (options.Seconds > TimeSpan.Zero)
    {
        report.Search(queries, options.Seconds, options.Warmup, grpc, inProcess);
    }

    if (options.Top10)
    {
        Top10Run.Run(options, local, queries, report);
    }

    await CompareWithRawAsync(options, corpus, queries, [("service in-process", inProcess), ("service over gRPC", grpc)], report, cancellationToken);
}

// The scale-out chaos run; in between, with the replicas converged, search over one replica and
// over both through the round-robin channel, alternated twice, as ratios of the raw baseline.
static async Task<int> RunChaosAsync(BenchmarkOptions options, ScaleCorpus corpus, SearchSettings settings, BenchmarkReport report, Stopwatch wall,
    CancellationToken cancellationToken)
{
    if (RabbitMqNode.Missing is { } missing)
    {
        Console.Error.WriteLine(missing);
        return 2;
    }

    await using var cluster = await ChaosCluster.StartAsync(options, brokers: 3, replicas: 2, cancellationToken);
    var outcome = await ChaosRun.RunAsync(options, corpus, cluster, cancellationToken);
    if (!options.SkipSearch)
    {
        var queries = QuerySet.Build(options.Queries, DatasetFiles.ReadCorpus(options.SourceCorpus), settings.CreateAnalyzers(), options.PerKind, options.Seed);
        using var balanced = BalancedChannel.Create(cluster.ReplicaAddresses);
        var targets = new (string Name, SearchService.SearchServiceClient Client)[]
        {
            ("one replica over gRPC", new SearchService.SearchServiceClient(cluster.ReplicaChannel(0))),
            ("two replicas over gRPC, round robin", new SearchService.SearchServiceClient(balanced)),
        };
        var lines = new List<(string, IReadOnlyList<LoadResult>)>();
        for (var round = 1; round <= 2; round++)
        {
            foreach (var (name, client) in targets)
            {
                var label = $"{name}, round {round}";
                lines.Add((label, await RunLevelsAsync(label, options, queries, (q, ct) =>
                    client.SearchAsync(q.ToRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct).ResponseAsync, cancellationToken)));
            }
        }

        await CompareWithRawAsync(options, corpus, queries, lines, report, cancellationToken);
    }

    var passed = await ChaosRun.VerifyAsync(cluster, outcome, report);
    await WriteReportAsync(report, options.Out, wall);
    return passed ? 0 : 1;
}

// The raw Lucene.NET baseline over the same corpus and queries, then the service's lines as ratios of it.
static async Task CompareWithRawAsync(BenchmarkOptions options, ScaleCorpus corpus, IReadOnlyList<BenchmarkQuery> queries,
    IReadOnlyList<(string Name, IReadOnlyList<LoadResult> Levels)> service, BenchmarkReport report, CancellationToken cancellationToken)
{
    if (options.SkipRaw || options.Seconds == TimeSpan.Zero)
    {
        return;
    }

    var indexPath = Path.Combine(options.Out, "raw-lucene-" + Path.GetFileName(corpus.Path).Replace(".jsonl.gz", "", StringComparison.Ordinal));
    using var raw = RawLuceneBaseline.Open(corpus.Path, indexPath, options.RawDirectory);
    Console.WriteLine($"raw Lucene.NET: {raw.DocumentCount:N0} documents, {raw.DirectoryName}, " +
        $"{(raw.Reused ? "reused" : $"built in {raw.BuildTime.TotalSeconds:F1} s")} {raw.Path}");
    var levels = await RunLevelsAsync("raw Lucene.NET", options, queries, (q, _) =>
    {
        raw.Search(q.Text);
        return Task.CompletedTask;
    }, cancellationToken);
    var setup = $"Lucene.NET's PortugueseAnalyzer on title and body, the query text escaped and parsed over title^2 + body with OR " +
        $"(MultiFieldQueryParser), BM25, top {RawLuceneBaseline.TopK} ids from doc values; {raw.DirectoryName} (`--raw-directory " +
        $"{options.RawDirectory.ToString().ToLowerInvariant()}`); {raw.DocumentCount:N0} documents " +
        $"({(raw.Reused ? "index reused" : $"index built in {raw.BuildTime.TotalSeconds:F0} s")}). The same query texts in the same order, " +
        "but phrase quotes and prefix stars are escaped into plain words and source/date filters are not applied: the raw line is " +
        "a bare engine call, the service lines add their parsing, filters, facets, snippets and (gRPC) transport.";
    report.Comparison(setup, levels, service);
}

// In-process loads over an existing index, plus the mean latency of each query kind at
// concurrency 1: a quick loop for search tuning without re-indexing.
// With --articles, also the raw baseline over that scale corpus; --top10-out/--top10-diff on this index.
static async Task ProfileIndexAsync(BenchmarkOptions options, SearchSettings settings, BenchmarkReport report, CancellationToken cancellationToken)
{
    using var local = InProcessSearch.Open(options.Index!, settings);
    Console.WriteLine($"in-process: opened {local.DocumentCount:N0} documents in {local.OpenTime.TotalMilliseconds:N0} ms");
    var queries = QuerySet.Build(options.Queries, DatasetFiles.ReadCorpus(options.SourceCorpus), settings.CreateAnalyzers(), options.PerKind, options.Seed);
    var inProcess = await RunLevelsAsync("in-process", options, queries, (q, _) =>
    {
        local.Search(q);
        return Task.CompletedTask;
    }, cancellationToken);
    if (options.Top10)
    {
        Top10Run.Run(options, local, queries, report);
    }

    if (options.ArticlesGiven && !options.SkipRaw && options.Seconds > TimeSpan.Zero)
    {
        var clock = Stopwatch.StartNew();
        var corpus = ScaleCorpus.Ensure(options.SourceCorpus, options.Articles, options.Seed, Path.Combine(options.Out, "corpora"));
        report.Corpus(corpus, options.SourceCorpus, options.Seed, clock.Elapsed);
        if (corpus.Articles != local.DocumentCount)
        {
            Console.WriteLine($"warning: the index has {local.DocumentCount:N0} documents, the corpus {corpus.Articles:N0}");
        }

        await CompareWithRawAsync(options, corpus, queries, [("service in-process", inProcess)], report, cancellationToken);
    }

    if (options.Seconds == TimeSpan.Zero)
    {
        return;
    }

    // Where one eval query's time goes, step by step (one thread, mean ms).
    var parser = new ArticleQueryParser(settings.CreateAnalyzers(), settings.Ranking);
    var highlighter = new SnippetHighlighter(settings.CreateAnalyzers(), settings.Query.SnippetLength);
    var steps = new Dictionary<string, double>();
    void Time(string step, Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        steps[step] = steps.GetValueOrDefault(step) + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    var eval = queries.Where(q => q.Kind == "eval").ToList();
    foreach (var q in eval)
    {
        Query? parsed = null;
        using var lease = local.Index.Acquire();
        Time("parse", () => parsed = parser.Parse(q.Text, t => TermLookups.DocFrequency(lease, t, IndexFields.BodyExact, IndexFields.TitleExact) > 0));
        Time("index search, 10 hits with stored fields", () => local.Index.Pages.Run(lease, new(parsed!, null, IndexSort.Relevance, 10, CountFacets: false, ExactHits: settings.Query.ExactTotalHits), null));
        Time("index search and facets", () => local.Index.Pages.Run(lease, new(parsed!, null, IndexSort.Relevance, 10, CountFacets: true, ExactHits: settings.Query.ExactTotalHits), null));
        IndexPage? page = null;
        Query? highlight = null;
        Time("index search, facets and highlight expansion", () =>
        {
            page = local.Index.Pages.Run(lease, new(parsed!, null, IndexSort.Relevance, 10, CountFacets: true, ExactHits: settings.Query.ExactTotalHits), null);
            highlight = HighlightExpansion.Expand(parsed!, lease.Reader);
        });
        Time("body snippets of those hits", () =>
        {
            foreach (var hit in page!.Hits)
            {
                highlighter.Highlight(highlight!, hit.Article.Body);
            }
        });
        Time("titles of those hits", () =>
        {
            foreach (var hit in page!.Hits)
            {
                highlighter.HighlightTitle(highlight!, hit.Article.Title);
            }
        });
        Time("whole ArticleSearcher.Search (snippets, spelling)", () => local.Search(q));
    }

    foreach (var (step, total) in steps)
    {
        Console.WriteLine($"eval, {step}: {total / Math.Max(1, eval.Count):F2} ms");
    }

    foreach (var kind in queries.GroupBy(q => q.Kind))
    {
        var times = kind.Select(q =>
        {
            var started = Stopwatch.GetTimestamp();
            var hits = local.Search(q).TotalHits;
            return (Ms: Stopwatch.GetElapsedTime(started).TotalMilliseconds, Hits: hits);
        }).ToList();
        var sorted = times.Select(t => t.Ms).Order().ToArray();
        Console.WriteLine($"{kind.Key}: {times.Count} queries, mean {sorted.Average():F2} ms, max {sorted[^1]:F2} ms, mean hits {times.Average(t => t.Hits):N0}");
    }
}

static async Task<List<LoadResult>> RunLevelsAsync(string target, BenchmarkOptions options, IReadOnlyList<BenchmarkQuery> queries,
    Func<BenchmarkQuery, CancellationToken, Task> send, CancellationToken cancellationToken)
{
    var results = new List<LoadResult>();
    if (options.Seconds == TimeSpan.Zero)
    {
        return results;
    }

    if (options.Warmup > TimeSpan.Zero)
    {
        await ClosedLoop.RunAsync(queries, 2, options.Warmup, send, cancellationToken);
    }

    foreach (var concurrency in options.Concurrency)
    {
        var result = await ClosedLoop.RunAsync(queries, concurrency, options.Seconds, send, cancellationToken);
        Console.WriteLine($"{target}, concurrency {concurrency}: {result.Qps:N0} QPS, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, " +
            $"p99.9 {result.P999:F2} ms, {result.Errors} errors");
        results.Add(result);
    }

    return results;
}

static string Megabytes(long bytes) => $"{bytes / 1e6:N0} MB";

static void DeleteFolder(string path)
{
    if (Directory.Exists(path))
    {
        Directory.Delete(path, recursive: true);
    }
}

static string CpuPerArticle(TimeSpan cpu, int articles) =>
    string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:N1} s ({cpu.TotalMilliseconds / Math.Max(1, articles):F2} ms an article)");
