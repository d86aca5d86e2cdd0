namespace SeedSearch.Benchmarks;

/// <summary>
/// The top-10 work of a run: each query's first page from the service's in-process searcher
/// (relevance order), written with --top10-out and compared with --top10-diff's earlier file.
/// </summary>
internal static class Top10Run
{
    private const int WorstShown = 10;

    public static void Run(BenchmarkOptions options, InProcessSearch local, IReadOnlyList<BenchmarkQuery> queries, BenchmarkReport report)
    {
        // Read before writing, so both options may name the same file.
        var earlier = options.Top10Diff is null ? null : Top10File.Read(options.Top10Diff);
        var hits = queries.SelectMany(q => Hits(local, q)).ToList();
        if (options.Top10Out is not null)
        {
            Top10File.Write(options.Top10Out, hits);
            Console.WriteLine($"top 10: {queries.Count} queries written to {options.Top10Out}");
        }

        if (earlier is not null)
        {
            var diff = Top10Diff.Compare(earlier, Top10File.Ranked(hits));
            Console.WriteLine($"top 10 against {options.Top10Diff}: {diff.Compared} compared, {diff.Identical} identical, " +
                $"{diff.SetChanged} set changed, {diff.OrderChanged} only order changed, mean overlap@10 {diff.MeanOverlap:F3}");
            report.Top10(diff, options.Top10Diff!, $"this run ({local.DocumentCount:N0} documents)", WorstShown);
        }
    }

    // A query without hits still gets a rank-0 line, so a query that stops finding anything shows as a change.
    private static IEnumerable<Top10Hit> Hits(InProcessSearch local, BenchmarkQuery query)
    {
        var page = local.Search(query).Hits;
        return page.Count == 0
            ? [new Top10Hit(query.Id, 0, "", 0)]
            : page.Take(10).Select((h, i) => new Top10Hit(query.Id, i + 1, h.Article.Id, h.Score));
    }
}
