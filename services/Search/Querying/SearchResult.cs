namespace SeedSearch.Search.Querying;

/// <summary>One page of results.</summary>
/// <param name="TotalHits">Number of matching articles.</param>
/// <param name="Hits">This page, best first.</param>
/// <param name="NextPageToken">Token for the next page; empty on the last page.</param>
public sealed record SearchResult(long TotalHits, IReadOnlyList<SearchHitResult> Hits, string NextPageToken);
