namespace SeedSearch.Search.Querying;

/// <summary>One page of related articles.</summary>
/// <param name="Hits">Related articles, most similar first; snippets mark the words shared with the article.</param>
/// <param name="NextPageToken">Token for the next page; empty on the last page.</param>
public sealed record RelatedResult(IReadOnlyList<SearchHitResult> Hits, string NextPageToken);
