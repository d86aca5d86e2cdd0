using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Relevance;

// Relevance evaluation over the public API: starts a fresh Search + Ingest pair, streams a
// corpus (plus, with --distractors, synthetic distractor articles) through IngestArticles, runs
// the dataset's queries (as typed, without accents, with a typo) through Search and through a raw
// Lucene.NET searcher over the same articles, writes TREC run files, prints nDCG@10, MRR@10, R@100
// and Judged@10 of both, and compares them query by query.
// Usage: dotnet run -c Release --project tests/Relevance -- --dataset ../shared/data/govbr-news-eval
// Hits asked per query, of the service and of the raw baseline: enough for R@100.
const int HitsPerQuery = 100;
return await CommandLineTool.RunAsync("relevance", args, RelevanceOptions.Usage, RelevanceOptions.Parse, RunAsync);

static async Task<int> RunAsync(RelevanceOptions options, CancellationToken cancellationToken)
{
    const string rawLabel = "raw-lucene";
    var wall = Stopwatch.StartNew();
    var queries = DatasetFiles.ReadQueries(Path.Combine(options.Dataset, "queries.tsv"));
    var qrels = DatasetFiles.ReadQrels(Path.Combine(options.Dataset, "qrels.tsv"));
    var corpusPath = Path.Combine(options.Corpus, "corpus.jsonl.gz");
    var articles = DatasetFiles.ReadCorpus(corpusPath);
    // Only queries with a relevant judgment are scored; the others have no ideal ranking.
    var scored = Enumerable.Range(0, queries.Count).Where(i => qrels.TryGetValue(queries[i].Id, out var j) && j.Values.Any(g => g >= 1)).ToArray();
    Directory.CreateDirectory(options.Out);
    Console.WriteLine($"{options.Name}: {articles.Count} docs, {queries.Count} queries ({scored.Length} with a relevant judgment), " +
        $"label {options.Label}, out {options.Out}");

    // Every indexed article's title, and which ids are synthetic: the comparison names what it lists.
    var titles = new Dictionary<string, string>(StringComparer.Ordinal);
    articles.ForEach(a => titles[a.Id] = a.Title);
    var distractorIds = new HashSet<string>(StringComparer.Ordinal);
    var corpusFiles = new List<string> { corpusPath };
    if (options.Distractors > 0)
    {
        var clock = Stopwatch.StartNew();
        var relevant = DistractorCorpus.RelevantIds(qrels);
        var distractors = DistractorCorpus.Ensure(options.DistractorSources, options.Distractors, options.DistractorSeed, options.Cache, relevant);
        foreach (var article in DatasetFiles.EnumerateCorpus(distractors.Path))
        {
            titles[article.Id] = article.Title;
            distractorIds.Add(article.Id);
        }

        corpusFiles.Add(distractors.Path);
        Console.WriteLine($"distractors: {distractors.Articles:N0} synthetic articles ({distractors.Bytes / 1e6:F1} MB) from the sentences of " +
            $"{string.Join(", ", options.DistractorSources)} without those of the {relevant.Count:N0} judged-relevant articles, " +
            $"{(distractors.Reused ? "reused" : "generated")} {distractors.Path} ({clock.Elapsed.TotalSeconds:F1} s)");
    }

    var texts = options.Variants.ToDictionary(v => v, v => queries.Select(q => QueryVariants.Apply(v, q.Id, q.Text)).ToArray());
    var rows = new Dictionary<string, List<string>>();
    var serviceRanked = new Dictionary<string, IReadOnlyList<(string Id, float Score)>[]>();
    var measured = new List<(string Variant, double Ndcg10)>();
    int docs;
    await using (var system = await LocalSystem.StartAsync(options.Repo, Path.Combine(options.Out, $"{options.Name}-{options.Label}"),
        options.SearchEnv, cancellationToken, options.IngestEnv))
    {
        // The real corpus is in memory already; the distractors stream from their file.
        docs = await IngestAsync(new IngestService.IngestServiceClient(system.IngestChannel), articles.Concat(corpusFiles.Skip(1).SelectMany(DatasetFiles.EnumerateCorpus)), cancellationToken);
        var search = new SearchService.SearchServiceClient(system.SearchChannel);
        if (options.SnippetQueries.Count > 0)
        {
            await CheckSnippetsAsync(search, options.SnippetQueries, Path.Combine(options.Out, $"{options.Name}-{options.Label}-snippets.txt"), cancellationToken);
        }

        foreach (var variant in options.Variants)
        {
            var clock = Stopwatch.StartNew();
            var (ranked, invalid) = await SearchAllAsync(search, texts[variant], options.ListedCopies, cancellationToken);
            var runPath = Path.Combine(options.Out, $"{options.Name}-{options.Label}-{variant}.run");
            await WriteRunAsync(runPath, queries, ranked, "seedsearch", cancellationToken);
            var mean = Score(scored, queries, qrels, ranked);
            var changed = Enumerable.Range(0, queries.Count).Where(i => texts[variant][i] != queries[i].Text).ToList();
            var example = changed.Count > 0 ? $" (e.g. '{queries[changed[0]].Text}' → '{texts[variant][changed[0]]}')" : "";
            Console.WriteLine($"{variant}: {changed.Count}/{queries.Count} queries rewritten{example}, {invalid} rejected with INVALID_ARGUMENT (scored as empty), " +
                $"{clock.Elapsed.TotalSeconds:F1} s, run {runPath}");
            measured.Add((variant, mean.Ndcg10));
            serviceRanked[variant] = ranked;
            rows[variant] = [Row(options.Name, docs, variant, options.Label, mean, scored.Length)];
        }
    }

    // The yardstick, after the services are gone: the same articles and query texts through plain Lucene.NET.
    var indexClock = Stopwatch.StartNew();
    using var raw = RawLuceneBaseline.Open(corpusFiles, Path.Combine(options.Out, $"{options.Name}-{rawLabel}-index"), RawLuceneBaseline.DefaultKind);
    Console.WriteLine($"{rawLabel}: {raw.DocumentCount:N0} documents, {(raw.Reused ? "index reused" : "index built")} in {raw.Path} ({indexClock.Elapsed.TotalSeconds:F1} s)");
    var setup = $"Service: label {options.Label}, {docs:N0} articles accepted. Raw: Lucene.NET's PortugueseAnalyzer on title and body, BM25, " +
        $"the query text escaped and parsed over title^2 + body with OR, top {HitsPerQuery}; {raw.DocumentCount:N0} articles. " +
        (options.Distractors > 0 ? $"{distractorIds.Count:N0} of them are synthetic distractors (`{DistractorCorpus.IdPrefix}-{options.DistractorSeed}-…`). " : "") +
        "Only queries with a relevant judgment; content words are counted in the query as the dataset writes it.";
    foreach (var variant in options.Variants)
    {
        var ranked = texts[variant].AsParallel().AsOrdered().Select(text => raw.Search(text, HitsPerQuery)).ToArray();
        var runPath = Path.Combine(options.Out, $"{options.Name}-{rawLabel}-{variant}.run");
        await WriteRunAsync(runPath, queries, ranked, rawLabel, cancellationToken);
        rows[variant].Add(Row(options.Name, raw.DocumentCount, variant, rawLabel, Score(scored, queries, qrels, ranked), scored.Length));

        var comparison = new QueryComparison(
            [.. scored.Select(i => new QueryRankings(queries[i].Id, texts[variant][i], ContentWords.Count(queries[i].Text), qrels[queries[i].Id],
                [.. serviceRanked[variant][i].Select(h => h.Id)], [.. ranked[i].Select(h => h.Id)]))],
            distractorIds);
        var comparePath = Path.Combine(options.Out, $"{options.Name}-{options.Label}-{variant}-compare.md");
        await File.WriteAllTextAsync(comparePath, ComparisonMarkdown.Document(comparison,
            $"{options.Name}, {variant}: the service ({options.Label}) against {rawLabel}", setup, titles), cancellationToken);
        Console.WriteLine($"\n{variant}, service ({options.Label}) against {rawLabel} by content words; run {runPath}, losses in {comparePath}");
        foreach (var line in ComparisonMarkdown.BucketTable(comparison))
        {
            Console.WriteLine(line);
        }
    }

    const string header = "| dataset | corpus docs | variant | label | nDCG@10 | MRR@10 | R@100 | Judged@10 | queries |\n" +
        "|---|---:|---|---|---:|---:|---:|---:|---:|";
    var table = options.Variants.SelectMany(v => rows[v]).ToList();
    Console.WriteLine();
    Console.WriteLine(header);
    table.ForEach(Console.WriteLine);
    var results = Path.Combine(options.Out, "results.md");
    var existed = File.Exists(results);
    await File.AppendAllLinesAsync(results, existed ? table : [header, .. table], CancellationToken.None);
    Console.WriteLine($"\nappended to {results}; wall time {wall.Elapsed.TotalSeconds:F1} s");
    return options.Floors is null ? 0 : CheckFloors(options.Floors, options.Name, measured);
}

// The mean metrics of the scored queries (given by index).
static QueryScore Score(int[] scored, List<(string Id, string Text)> queries, Dictionary<string, Dictionary<string, int>> qrels,
    IReadOnlyList<(string Id, float Score)>[] ranked) =>
    QueryScore.Mean([.. scored.Select(i => QueryScore.Of([.. ranked[i].Select(h => h.Id)], qrels[queries[i].Id]))]);

static string Row(string dataset, int docs, string variant, string label, QueryScore mean, int queries) => string.Create(CultureInfo.InvariantCulture,
    $"| {dataset} | {docs} | {variant} | {label} | {mean.Ndcg10:F3} | {mean.Mrr10:F3} | {mean.Recall100:F3} | {mean.Judged10:F3} | {queries} |");

// A TREC run file: qid Q0 docid rank score tag.
static Task WriteRunAsync(string path, List<(string Id, string Text)> queries, IReadOnlyList<(string Id, float Score)>[] ranked, string tag,
    CancellationToken cancellationToken) =>
    File.WriteAllLinesAsync(path, queries.SelectMany((q, i) => ranked[i].Select((hit, r) =>
        string.Create(CultureInfo.InvariantCulture, $"{q.Id} Q0 {hit.Id} {r + 1} {hit.Score} {tag}"))), cancellationToken);

// One line per result: its nDCG@10 against the floor. Exit 3 if one is below; a floor file that
// gates none of the results is an error too, so a renamed dataset cannot pass unchecked.
static int CheckFloors(NdcgFloors floors, string dataset, List<(string Variant, double Ndcg10)> measured)
{
    var checkedCount = 0;
    var below = 0;
    foreach (var (variant, ndcg) in measured)
    {
        if (floors.For(dataset, variant) is not { } floor)
        {
            Console.WriteLine($"nDCG@10 floor: {dataset} {variant}: none in {floors.Path}");
            continue;
        }

        checkedCount++;
        var ok = ndcg >= floor;
        below += ok ? 0 : 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nDCG@10 floor: {dataset} {variant}: {ndcg:F4} {(ok ? ">=" : "<")} floor {floor:F3}: {(ok ? "ok" : "BELOW THE FLOOR")}"));
    }

    if (checkedCount == 0)
    {
        Console.Error.WriteLine($"relevance: {floors.Path} has no floor for {dataset} ({string.Join(',', measured.Select(m => m.Variant))})");
        return 1;
    }

    return below > 0 ? 3 : 0;
}

// Streams the whole corpus in one call that answers once every article is searchable; returns
// the number of articles the index accepted.
static async Task<int> IngestAsync(IngestService.IngestServiceClient ingest, IEnumerable<RawArticle> articles, CancellationToken cancellationToken)
{
    var clock = Stopwatch.StartNew();
    using var call = ingest.IngestArticles(cancellationToken: cancellationToken);
    foreach (var article in articles)
    {
        await call.RequestStream.WriteAsync(new IngestArticlesRequest { Article = article, WaitForIndexed = true });
    }

    await call.RequestStream.CompleteAsync();
    var summary = await call;
    Console.WriteLine($"ingest: {summary.ReceivedCount} received, {summary.AcceptedCount} accepted ({summary.CreatedCount} created, " +
        $"{summary.UpdatedCount} updated, {summary.UnchangedCount} unchanged), {summary.RejectedCount} rejected in {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var rejected in summary.Rejected.Take(10))
    {
        var fields = string.Join("; ", rejected.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        Console.WriteLine($"  rejected #{rejected.Index} id '{rejected.Id}': {rejected.Reason} ({fields})");
    }

    return summary.AcceptedCount;
}

// First page of 100 hits per query, four queries in flight; INVALID_ARGUMENT counts as no hits.
static async Task<(IReadOnlyList<(string Id, float Score)>[] Ranked, int Invalid)> SearchAllAsync(
    SearchService.SearchServiceClient search, string[] texts, bool listedCopies, CancellationToken cancellationToken)
{
    var ranked = new IReadOnlyList<(string Id, float Score)>[texts.Length];
    var invalid = 0;
    var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
    await Parallel.ForEachAsync(Enumerable.Range(0, texts.Length), parallel, async (i, token) =>
    {
        try
        {
            var response = await search.SearchAsync(new SearchRequest { Query = texts[i], PageSize = HitsPerQuery },
                deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: token);
            ranked[i] = listedCopies
                ? [.. response.Hits.SelectMany(h => h.Copies.Select(c => (c.Id, h.Score)).Prepend((h.Id, h.Score))).Take(HitsPerQuery)]
                : [.. response.Hits.Select(h => (h.Id, h.Score))];
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            Interlocked.Increment(ref invalid);
            ranked[i] = [];
        }
    });
    return (ranked, invalid);
}

// Writes the top-10 snippets of each query and counts those that show markup debris.
static async Task CheckSnippetsAsync(SearchService.SearchServiceClient search, IReadOnlyList<string> queries, string path, CancellationToken cancellationToken)
{
    var lines = new List<string>();
    int snippets = 0, debris = 0;
    foreach (var query in queries)
    {
        var response = await search.SearchAsync(new SearchRequest { Query = query, PageSize = 10 },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        foreach (var (hit, rank) in response.Hits.Select((h, i) => (h, i + 1)))
        {
            var text = SnippetDebris.ToText(hit.Snippet);
            var found = SnippetDebris.Find(text);
            snippets++;
            debris += found is null ? 0 : 1;
            lines.Add($"{query}\t{rank}\t{hit.Id}\t{(found is null ? "clean" : $"DEBRIS '{found}'")}\t{text.Replace('\n', ' ')}");
        }
    }

    await File.WriteAllLinesAsync(path, lines, cancellationToken);
    Console.WriteLine($"snippets: {debris} of {snippets} top-10 snippets of {queries.Count} queries show markup debris; listed in {path}");
}
