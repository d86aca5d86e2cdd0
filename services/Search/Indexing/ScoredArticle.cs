namespace SeedSearch.Search.Indexing;

/// <summary>A search hit: the stored article and its relevance score.</summary>
/// <param name="Article">The article.</param>
/// <param name="Score">Its score for the query.</param>
public sealed record ScoredArticle(IndexedArticle Article, float Score)
{
    /// <summary>Its near-duplicates, when copies are collapsed into it (at most <see cref="PageSearch.MaxCopiesListed"/>).</summary>
    public IReadOnlyList<ArticleCopy> Copies { get; init; } = [];

    /// <summary>How many near-duplicates it has in all, when copies are collapsed into it.</summary>
    public int CopyCount { get; init; }
}

/// <summary>A near-duplicate of a hit: another outlet's or version's copy of the same story.</summary>
public sealed record ArticleCopy(string Id, string Source, string Url, DateTimeOffset? PublishedAt);
