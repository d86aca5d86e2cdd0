namespace SeedSearch.Relevance;

/// <summary>One query's figures for the service and the raw baseline.</summary>
/// <param name="Id">The qid.</param>
/// <param name="Text">The text both searched.</param>
/// <param name="Bucket">Its content-word bucket (<see cref="ContentWords.Bucket"/>).</param>
/// <param name="ServiceNdcg">The service's nDCG@10.</param>
/// <param name="RawNdcg">The raw baseline's nDCG@10.</param>
/// <param name="ServiceDistractors">Share of the service's top 10 that are synthetic distractors (0 without hits).</param>
/// <param name="RawDistractors">The same for the raw baseline.</param>
/// <param name="BestGrade">The highest grade judged for the query.</param>
/// <param name="ServiceRank">1-based rank of the first article of that grade in the service's ranking, null if absent.</param>
/// <param name="RawRank">The same in the raw baseline's ranking.</param>
/// <param name="Above">The first articles the service ranks above that one (all of its ranking when it is absent).</param>
/// <param name="AboveCount">How many articles the service ranks above it in all.</param>
internal sealed record QueryPair(string Id, string Text, string Bucket, double ServiceNdcg, double RawNdcg,
    double ServiceDistractors, double RawDistractors, int BestGrade, int? ServiceRank, int? RawRank,
    IReadOnlyList<RankedAbove> Above, int AboveCount)
{
    /// <summary>Service minus raw nDCG@10: negative when the service loses.</summary>
    public double Delta => ServiceNdcg - RawNdcg;

    /// <summary>Whether the service loses this query by more than <see cref="QueryComparison.LossMargin"/>.</summary>
    public bool Lost => Delta < -QueryComparison.LossMargin;

    /// <summary>Whether the service wins this query by more than <see cref="QueryComparison.LossMargin"/>.</summary>
    public bool Won => Delta > QueryComparison.LossMargin;
}
