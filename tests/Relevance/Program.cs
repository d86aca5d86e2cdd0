using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Relevance;

// Relevance evaluation over the public API: starts a fresh Search + Ingest pair, streams a
// corpus through IngestArticles, runs the dataset's queries (as typed, without accents, with a
// typo) through Search, writes TREC run files and prints nDCG@10, MRR@10, R@100 and Judged@10.
// Usage: dotnet run -c Release --project tests/Relevance -- --dataset ../shared/data/govbr-news-eval
return await CommandLineTool.RunAsync("relevance", args, RelevanceOptions.Usage, RelevanceOptions.Parse, RunAsync);

static async Task<int> RunAsync(RelevanceOptions options, CancellationToken cancellationToken)
{
    var wall = Stopwatch.StartNew();
    var queries = DatasetFiles.ReadQueries(Path.Combine(options.Dataset, "queries.tsv"));
    var qrels = DatasetFiles.ReadQrels(Path.Combine(options.Dataset, "qrels.tsv"));
    var articles = DatasetFiles.ReadCorpus(Path.Combine(options.Corpus, "corpus.jsonl.gz"));
    // Only queries with a relevant judgment are scored; the others have no ideal ranking.
    var scored = queries.Count(q => qrels.TryGetValue(q.Id, out var j) && j.Values.Any(g => g >= 1));
    Directory.CreateDirectory(options.Out);
    Console.WriteLine($"{options.Name}: {articles.Count} docs, {queries.Count} queries ({scored} with a relevant judgment), " +
        $"label {options.Label}, out {options.Out}");

    var rows = new List<string>();
    var measured = new List<(string Variant, double Ndcg10)>();
    await using (var system = await LocalSystem.StartAsync(options.Repo, Path.Combine(options.Out, $"{options.Name}-{options.Label}"), options.SearchEnv, cancellationToken))
    {
        var docs = await IngestAsync(new IngestService.IngestServiceClient(system.IngestChannel), articles, cancellationToken);
        var search = new SearchService.SearchServiceClient(system.SearchChannel);
        if (options.SnippetQueries.Count > 0)
        {
            await CheckSnippetsAsync(search, options.SnippetQueries, Path.Combine(options.Out, $"{options.Name}-{options.Label}-snippets.txt"), cancellationToken);
        }

        foreach (var variant in options.Variants)
        {
            var clock = Stopwatch.StartNew();
            var texts = queries.Select(q => QueryVariants.Apply(variant, q.Id, q.Text)).ToArray();
            var (ranked, invalid) = await SearchAllAsync(search, texts, cancellationToken);
            var runPath = Path.Combine(options.Out, $"{options.Name}-{options.Label}-{variant}.run");
            await File.WriteAllLinesAsync(runPath, queries.SelectMany((q, i) => ranked[i].Select((hit, r) =>
                string.Create(CultureInfo.InvariantCulture, $"{q.Id} Q0 {hit.Id} {r + 1} {hit.Score} seedsearch"))), cancellationToken);

            var scores = queries.Select((q, i) => (q, i))
                .Where(x => qrels.TryGetValue(x.q.Id, out var j) && j.Values.Any(g => g >= 1))
                .Select(x => QueryScore.Of(ranked[x.i].Select(h => h.Id).ToList(), qrels[x.q.Id]))
                .ToList();
            var mean = QueryScore.Mean(scores);
            var changed = Enumerable.Range(0, texts.Length).Where(i => texts[i] != queries[i].Text).ToList();
            var example = changed.Count > 0 ? $" (e.g. '{queries[changed[0]].Text}' → '{texts[changed[0]]}')" : "";
            Console.WriteLine($"{variant}: {changed.Count}/{queries.Count} queries rewritten{example}, {invalid} rejected with INVALID_ARGUMENT (scored as empty), " +
                $"{clock.Elapsed.TotalSeconds:F1} s, run {runPath}");
            measured.Add((variant, mean.Ndcg10));
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {options.Name} | {docs} | {variant} | {options.Label} | {mean.Ndcg10:F3} | {mean.Mrr10:F3} | {mean.Recall100:F3} | {mean.Judged10:F3} | {scores.Count} |"));
        }
    }

    const string header = "| dataset | corpus docs | variant | label | nDCG@10 | MRR@10 | R@100 | Judged@10 | queries |\n" +
        "|---|---:|---|---|---:|---:|---:|---:|---:|";
    Console.WriteLine();
    Console.WriteLine(header);
    rows.ForEach(Console.WriteLine);
    var results = Path.Combine(options.Out, "results.md");
    var existed = File.Exists(results);
    await File.AppendAllLinesAsync(results, existed ? rows : [header, .. rows], CancellationToken.None);
    Console.WriteLine($"\nappended to {results}; wall time {wall.Elapsed.TotalSeconds:F1} s");
    return options.Floors is null ? 0 : CheckFloors(options.Floors, options.Name, measured);
}

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
static async Task<int> IngestAsync(IngestService.IngestServiceClient ingest, List<RawArticle> articles, CancellationToken cancellationToken)
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
static async Task<(IReadOnlyList<SearchHit>[] Ranked, int Invalid)> SearchAllAsync(
    SearchService.SearchServiceClient search, string[] texts, CancellationToken cancellationToken)
{
    var ranked = new IReadOnlyList<SearchHit>[texts.Length];
    var invalid = 0;
    var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
    await Parallel.ForEachAsync(Enumerable.Range(0, texts.Length), parallel, async (i, token) =>
    {
        try
        {
            var response = await search.SearchAsync(new SearchRequest { Query = texts[i], PageSize = 100 },
                deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: token);
            ranked[i] = response.Hits;
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
