using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

/// <summary>One page of a search, as the index runs it.</summary>
/// <param name="Query">The scoring query.</param>
/// <param name="Filter">A non-scoring restriction (dates, sources, tags), or null.</param>
/// <param name="Sort">Hit order.</param>
/// <param name="PageSize">Hits per page.</param>
/// <param name="CountFacets">Whether to count hits per source and tag over the whole result set.</param>
/// <param name="TimeBudget">
/// Longest time spent collecting hits; when it runs out the page is built from the hits
/// collected so far and marked partial. Null or zero: no limit.
/// </param>
/// <param name="ExactHits">
/// Matches counted exactly before a relevance page may skip documents that cannot reach it;
/// past it the total and facets may be lower bounds (<see cref="IndexPage.TotalHitsExact"/>).
/// </param>
/// <param name="CollapseCopies">One hit per near-duplicate cluster, listing the others (<see cref="ScoredArticle.Copies"/>).</param>
public sealed record IndexSearchRequest(Query Query, Query? Filter, IndexSort Sort, int PageSize, bool CountFacets,
    TimeSpan? TimeBudget = null, int ExactHits = int.MaxValue, bool CollapseCopies = false);
