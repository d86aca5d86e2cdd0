using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Search.Options;

/// <summary>Query limits and result shaping. Section <c>Query</c>.</summary>
public sealed class QueryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Query";

    /// <summary>Longest accepted query, in characters. Default 1024.</summary>
    [Range(1, 100_000)]
    public int MaxQueryLength { get; set; } = 1024;

    /// <summary>Most words (whitespace-separated terms and operators) in a query. Default 64.</summary>
    [Range(1, 1024)]
    public int MaxQueryWords { get; set; } = 64;

    /// <summary>
    /// Longest time one search may spend collecting hits; past it the page holds the hits found
    /// so far and says it is partial. Zero turns the budget off. Default 2 seconds.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Hits per page when the request says 0. Default 10.</summary>
    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>Largest accepted page size. Default 100.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Target snippet length in characters. Default 200.</summary>
    [Range(20, 5000)]
    public int SnippetLength { get; set; } = 200;

    /// <summary>
    /// Hits of one page whose snippets are made at once, on that many threads. Snippets are most
    /// of a search's time, so on an idle machine 2 cuts a query's latency, but under a steady load
    /// it only spent more CPU without lowering p99 (docs/performance.md). Default 1.
    /// </summary>
    [Range(1, 64)]
    public int SnippetParallelism { get; set; } = 1;

    /// <summary>
    /// How long the index snapshot behind a page token is kept, so later pages see exactly
    /// the same ranking. After that a token still works but is resolved against the newest
    /// snapshot by offset. Default 10 minutes.
    /// </summary>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Most snapshots kept for page tokens at once, newest first. Every commit makes a new
    /// snapshot, so under steady writes the lifetime alone would keep hundreds of them, each
    /// holding segments the index has already merged away. A token whose snapshot was dropped
    /// works as after <see cref="PageTokenLifetime"/>. Default 64.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPageTokenSnapshots { get; set; } = 64;

    /// <summary>
    /// Matches a relevance search counts exactly before it may skip articles that match only
    /// words too common to reach the page (top-k pruning): past it the total and the facet
    /// counts are lower bounds and the response says so. <see cref="int.MaxValue"/> counts
    /// every match. Default 1,000, Lucene's own threshold (Elasticsearch's track_total_hits
    /// defaults to 10,000; measured in docs/performance.md).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int ExactTotalHits { get; set; } = 1_000;
}
