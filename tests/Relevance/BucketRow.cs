namespace SeedSearch.Relevance;

/// <summary>Mean figures of the queries of one content-word bucket (or of all queries).</summary>
/// <param name="Bucket">The bucket, or "all".</param>
/// <param name="Queries">Queries in it.</param>
/// <param name="ServiceNdcg">The service's mean nDCG@10.</param>
/// <param name="RawNdcg">The raw baseline's mean nDCG@10.</param>
/// <param name="Losses">Queries the service loses by more than <see cref="QueryComparison.LossMargin"/>.</param>
/// <param name="ServiceDistractors">Mean share of synthetic distractors in the service's top 10.</param>
/// <param name="RawDistractors">The same for the raw baseline.</param>
internal sealed record BucketRow(string Bucket, int Queries, double ServiceNdcg, double RawNdcg, int Losses,
    double ServiceDistractors, double RawDistractors)
{
    /// <summary>Service minus raw mean nDCG@10.</summary>
    public double Delta => ServiceNdcg - RawNdcg;
}
