namespace SeedSearch.Relevance;

/// <summary>Metrics of one query's ranking, or their mean over a query set.</summary>
internal readonly record struct QueryScore(double Ndcg10, double Mrr10, double Recall100, double Judged10)
{
    /// <summary>
    /// Scores <paramref name="ranked"/> ids (best first) against one query's judgments (docid → grade 0–3;
    /// grade ≥ 1 is relevant, absent is unjudged and counts as not relevant).
    /// </summary>
    public static QueryScore Of(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgments)
    {
        int Grade(string id) => judgments.GetValueOrDefault(id);
        static double Discount(int index) => Math.Log2(index + 2);

        var top10 = ranked.Take(10).ToList();
        var dcg = top10.Select((id, i) => Grade(id) / Discount(i)).Sum();
        var idealDcg = judgments.Values.Where(g => g > 0).OrderDescending().Take(10).Select((g, i) => g / Discount(i)).Sum();
        var firstRelevant = top10.FindIndex(id => Grade(id) >= 1);
        var relevant = judgments.Values.Count(g => g >= 1);
        var found = ranked.Take(100).Distinct().Count(id => Grade(id) >= 1);
        return new QueryScore(
            idealDcg > 0 ? dcg / idealDcg : 0,
            firstRelevant >= 0 ? 1.0 / (firstRelevant + 1) : 0,
            relevant > 0 ? (double)found / relevant : 0,
            top10.Count > 0 ? (double)top10.Count(judgments.ContainsKey) / top10.Count : 0);
    }

    public static QueryScore Mean(IReadOnlyCollection<QueryScore> scores) => scores.Count == 0
        ? default
        : new QueryScore(scores.Average(s => s.Ndcg10), scores.Average(s => s.Mrr10), scores.Average(s => s.Recall100), scores.Average(s => s.Judged10));
}
