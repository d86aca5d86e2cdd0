namespace SeedSearch.Benchmarks;

/// <summary>One line of a top-10 file: a query's hit at a rank.</summary>
/// <param name="QueryId">The query's id in the benchmark query set.</param>
/// <param name="Rank">1-based rank on the first page.</param>
/// <param name="ArticleId">The hit's article id.</param>
/// <param name="Score">The hit's relevance score.</param>
internal sealed record Top10Hit(string QueryId, int Rank, string ArticleId, float Score);
