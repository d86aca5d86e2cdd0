namespace SeedSearch.Search.Indexing;

/// <summary>One page of hits from the index.</summary>
/// <param name="TotalHits">Number of matching articles.</param>
/// <param name="Hits">The page, best first.</param>
/// <param name="Next">Cursor for the next page; null on the last page.</param>
/// <param name="Facets">Counts per source and tag, when asked for.</param>
/// <param name="Partial">The time budget ran out: hits, total and facets cover only the documents examined in time.</param>
/// <param name="TotalHitsExact">
/// False when the search skipped documents that could not reach the page: the total and the
/// facet counts are then lower bounds.
/// </param>
public sealed record IndexPage(long TotalHits, IReadOnlyList<ScoredArticle> Hits, SearchCursor? Next, IReadOnlyList<FacetCounts> Facets,
    bool Partial = false, bool TotalHitsExact = true);
