using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

/// <summary>One page of a search, as the index runs it.</summary>
/// <param name="Query">The scoring query.</param>
/// <param name="Filter">A non-scoring restriction (dates, sources, tags), or null.</param>
/// <param name="Sort">Hit order.</param>
/// <param name="PageSize">Hits per page.</param>
/// <param name="CountFacets">Whether to count hits per source and tag over the whole result set.</param>
/// <param name="ExpandForHighlighting">
/// Rewrites the query against the page's snapshot for highlighting (for example to expand fuzzy
/// terms once per page); null when the page is not highlighted.
/// </param>
/// <param name="Rewrite">
/// Rewrites the scoring query on the page's snapshot before it runs, given the filter (for
/// example to add feedback words from the snapshot's top hits); null to run it as given.
/// </param>
/// <param name="TimeBudget">
/// Longest time spent collecting hits; when it runs out the page is built from the hits
/// collected so far and marked partial. Null or zero: no limit.
/// </param>
public sealed record IndexSearchRequest(Query Query, Query? Filter, IndexSort Sort, int PageSize, bool CountFacets,
    Func<Query, IndexReader, Query>? ExpandForHighlighting = null, Func<IndexSearcher, Query, Query?, Query>? Rewrite = null,
    TimeSpan? TimeBudget = null);
