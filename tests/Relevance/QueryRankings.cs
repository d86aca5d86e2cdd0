namespace SeedSearch.Relevance;

/// <summary>One scored query as the service and the raw baseline ranked it.</summary>
/// <param name="Id">The qid.</param>
/// <param name="Text">The text both searched (the variant's rewrite).</param>
/// <param name="ContentWords">Content words of the query as written in the dataset.</param>
/// <param name="Judgments">docid → grade 0–3 for this query.</param>
/// <param name="Service">The service's ids, best first.</param>
/// <param name="Raw">The raw baseline's ids, best first.</param>
internal sealed record QueryRankings(string Id, string Text, int ContentWords, IReadOnlyDictionary<string, int> Judgments,
    IReadOnlyList<string> Service, IReadOnlyList<string> Raw);
