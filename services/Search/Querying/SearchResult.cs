using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Querying;

/// <summary>One page of results.</summary>
/// <param name="TotalHits">Number of matching articles.</param>
/// <param name="Hits">This page, in the requested order.</param>
/// <param name="NextPageToken">Token for the next page; empty on the last page.</param>
/// <param name="SpellingSuggestion">A better-spelled query with more hits, or empty.</param>
/// <param name="Facets">Hit counts per source and tag over the whole result set.</param>
/// <param name="Partial">The time budget ran out: hits, total and facets cover only the articles examined in time.</param>
/// <param name="TotalHitsExact">False when the total and the facet counts are lower bounds (top-k pruning).</param>
public sealed record SearchResult(
    long TotalHits,
    IReadOnlyList<SearchHitResult> Hits,
    string NextPageToken,
    string SpellingSuggestion,
    IReadOnlyList<FacetCounts> Facets,
    bool Partial = false,
    bool TotalHitsExact = true);
