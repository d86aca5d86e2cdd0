namespace SeedSearch.Relevance;

/// <summary>
/// The service against the raw Lucene baseline, query by query, for one query variant: nDCG@10
/// of each, grouped by how many content words the query has, the queries the service loses and
/// what it ranks above the relevant article there.
/// </summary>
internal sealed class QueryComparison
{
    /// <summary>A query counts as lost (or won) when nDCG@10 differs by more than this.</summary>
    public const double LossMargin = 0.001;

    /// <summary>At most this many articles ranked above the relevant one are kept per query.</summary>
    public const int MaxAbove = 5;

    /// <summary>Compares the rankings of every query; <paramref name="distractors"/> are the synthetic articles' ids.</summary>
    public QueryComparison(IReadOnlyList<QueryRankings> queries, IReadOnlySet<string> distractors)
    {
        Queries = [.. queries.Select(q => Compare(q, distractors))];
        var buckets = Queries.GroupBy(q => q.Bucket).ToDictionary(g => g.Key, g => g.ToList());
        Buckets =
        [
            .. ContentWords.Buckets.Where(buckets.ContainsKey).Select(b => Row(b, buckets[b])),
            Row("all", Queries),
        ];
        Losses = [.. Queries.Where(q => q.Lost).OrderBy(q => q.Delta).ThenBy(q => q.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every query, in the order given.</summary>
    public IReadOnlyList<QueryPair> Queries { get; }

    /// <summary>One row per content-word bucket that has queries, shortest first, then "all".</summary>
    public IReadOnlyList<BucketRow> Buckets { get; }

    /// <summary>The queries the service loses, worst first.</summary>
    public IReadOnlyList<QueryPair> Losses { get; }

    /// <summary>The <paramref name="count"/> queries the service wins by most, best first.</summary>
    public IReadOnlyList<QueryPair> Wins(int count) =>
        [.. Queries.Where(q => q.Won).OrderByDescending(q => q.Delta).ThenBy(q => q.Id, StringComparer.Ordinal).Take(count)];

    private static QueryPair Compare(QueryRankings query, IReadOnlySet<string> distractors)
    {
        var bestGrade = query.Judgments.Values.DefaultIfEmpty(0).Max();
        int? RankOfBest(IReadOnlyList<string> ranking)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                if (bestGrade > 0 && query.Judgments.GetValueOrDefault(ranking[i]) == bestGrade)
                {
                    return i + 1;
                }
            }

            return null;
        }

        var serviceRank = RankOfBest(query.Service);
        var aboveCount = serviceRank is { } rank ? rank - 1 : query.Service.Count;
        var above = query.Service.Take(Math.Min(aboveCount, MaxAbove))
            .Select((id, i) => new RankedAbove(i + 1, id, distractors.Contains(id), query.Judgments.TryGetValue(id, out var grade) ? grade : null))
            .ToList();
        return new QueryPair(query.Id, query.Text, ContentWords.Bucket(query.ContentWords),
            QueryScore.Of(query.Service, query.Judgments).Ndcg10, QueryScore.Of(query.Raw, query.Judgments).Ndcg10,
            DistractorShare(query.Service, distractors), DistractorShare(query.Raw, distractors),
            bestGrade, serviceRank, RankOfBest(query.Raw), above, aboveCount);
    }

    private static double DistractorShare(IReadOnlyList<string> ranking, IReadOnlySet<string> distractors)
    {
        var top10 = ranking.Take(10).ToList();
        return top10.Count == 0 ? 0 : (double)top10.Count(distractors.Contains) / top10.Count;
    }

    private static BucketRow Row(string bucket, IReadOnlyList<QueryPair> queries) => queries.Count == 0
        ? new BucketRow(bucket, 0, 0, 0, 0, 0, 0)
        : new BucketRow(bucket, queries.Count, queries.Average(q => q.ServiceNdcg), queries.Average(q => q.RawNdcg),
            queries.Count(q => q.Lost), queries.Average(q => q.ServiceDistractors), queries.Average(q => q.RawDistractors));
}
