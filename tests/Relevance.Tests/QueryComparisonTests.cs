namespace SeedSearch.Relevance.Tests;

public class QueryComparisonTests
{
    private static readonly Dictionary<string, int> OneRelevant = new() { ["r"] = 1 };
    private static readonly HashSet<string> NoDistractors = [];

    // nDCG@10 of a single grade-1 relevant article at rank 2.
    private static readonly double Rank2 = 1 / Math.Log2(3);

    [Fact]
    public void Buckets_QueriesOfSeveralLengths_MeansPerBucketThenAll()
    {
        var comparison = new QueryComparison(
        [
            Query("q1", 1, ["r"], ["x", "r"]),
            Query("q2", 1, ["x", "r"], ["r"]),
            Query("q3", 4, [], ["r"]),
            Query("q4", 9, ["r"], []),
        ], NoDistractors);

        Assert.Equal(["1", "4–5", "6+", "all"], comparison.Buckets.Select(b => b.Bucket));
        var one = comparison.Buckets[0];
        Assert.Equal(2, one.Queries);
        Assert.Equal((1 + Rank2) / 2, one.ServiceNdcg, 12);
        Assert.Equal((Rank2 + 1) / 2, one.RawNdcg, 12);
        Assert.Equal(1, one.Losses);
        Assert.Equal((0.0, 1.0, 1), (comparison.Buckets[1].ServiceNdcg, comparison.Buckets[1].RawNdcg, comparison.Buckets[1].Losses));
        Assert.Equal((1.0, 0.0, 0), (comparison.Buckets[2].ServiceNdcg, comparison.Buckets[2].RawNdcg, comparison.Buckets[2].Losses));
        var all = comparison.Buckets[3];
        Assert.Equal(4, all.Queries);
        Assert.Equal((1 + Rank2 + 0 + 1) / 4, all.ServiceNdcg, 12);
        Assert.Equal(2, all.Losses);
    }

    [Fact]
    public void Losses_SeveralLostQueries_WorstFirstAndTiesByQid()
    {
        var comparison = new QueryComparison(
        [
            Query("q1", 2, ["x", "r"], ["r"]),
            Query("q2", 2, [], ["r"]),
            Query("q3", 2, ["r"], ["r"]),
            Query("q0", 2, [], ["r"]),
            Query("q4", 2, ["r"], ["x", "r"]),
        ], NoDistractors);

        Assert.Equal(["q0", "q2", "q1"], comparison.Losses.Select(q => q.Id));
        Assert.Equal(Rank2 - 1, comparison.Losses[2].Delta, 12);
        Assert.Equal(["q4"], comparison.Wins(10).Select(q => q.Id));
    }

    [Fact]
    public void Wins_MoreThanCount_BestFirstCapped()
    {
        var comparison = new QueryComparison(
        [
            Query("q1", 1, ["x", "r"], ["x", "y", "r"]),
            Query("q2", 1, ["r"], []),
            Query("q3", 1, ["r"], ["x", "r"]),
        ], NoDistractors);

        Assert.Equal(["q2", "q3"], comparison.Wins(2).Select(q => q.Id));
    }

    [Fact]
    public void Queries_ServiceRanksOthersFirst_ArticlesAboveTheBestGradedOneWithTheirKind()
    {
        var judgments = new Dictionary<string, int> { ["best"] = 3, ["good"] = 2, ["zero"] = 0 };

        var comparison = new QueryComparison(
            [new QueryRankings("q1", "text", 2, judgments, ["distractor-42-0000007", "unjudged", "zero", "good", "best", "later"], ["best", "good"])],
            new HashSet<string> { "distractor-42-0000007" });

        var query = Assert.Single(comparison.Queries);
        Assert.Equal(3, query.BestGrade);
        Assert.Equal((5, 1), (query.ServiceRank, query.RawRank));
        Assert.Equal(4, query.AboveCount);
        Assert.Equal(
            [(1, "distractor-42-0000007", "synthetic distractor"), (2, "unjudged", "real, unjudged"), (3, "zero", "real, judged 0"), (4, "good", "real, judged 2")],
            query.Above.Select(a => (a.Rank, a.Id, a.Kind)));
        Assert.Equal(1.0 / 6, query.ServiceDistractors, 12);
        Assert.Equal(0.0, query.RawDistractors);
    }

    [Fact]
    public void Queries_RelevantArticleMissing_FirstFiveOfTheWholeRankingAndNoRank()
    {
        string[] ranked = ["a", "b", "c", "d", "e", "f", "g"];

        var comparison = new QueryComparison([Query("q1", 1, ranked, [])], new HashSet<string> { "a", "b", "c", "d", "e", "f", "g" });

        var query = Assert.Single(comparison.Queries);
        Assert.Null(query.ServiceRank);
        Assert.Null(query.RawRank);
        Assert.Equal(7, query.AboveCount);
        Assert.Equal(["a", "b", "c", "d", "e"], query.Above.Select(a => a.Id));
        Assert.Equal(1.0, query.ServiceDistractors);
        Assert.Equal(0.0, query.RawDistractors);
    }

    [Fact]
    public void Buckets_DistractorsInTopTen_MeanShareOfEach()
    {
        var distractors = new HashSet<string> { "d1", "d2" };

        var comparison = new QueryComparison(
        [
            Query("q1", 3, ["d1", "r"], ["r", "x", "y", "d1"]),
            Query("q2", 3, ["d1", "d2", "r", "x"], ["r"]),
        ], distractors);

        Assert.Equal((0.5 + 0.5) / 2, comparison.Buckets[0].ServiceDistractors, 12);
        Assert.Equal((0.25 + 0) / 2, comparison.Buckets[0].RawDistractors, 12);
    }

    private static QueryRankings Query(string id, int contentWords, string[] service, string[] raw) =>
        new(id, $"query {id}", contentWords, OneRelevant, service, raw);
}
