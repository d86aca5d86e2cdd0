using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Watching;

/// <summary>What a standing query's stream carries: a matching article, or how many were dropped.</summary>
/// <param name="Article">The article that became searchable and matches, or null for a gap.</param>
/// <param name="Snippet">The article's body with the query's words highlighted.</param>
/// <param name="Missed">For a gap: matches dropped because the reader fell behind.</param>
public sealed record WatchEvent(IndexedArticle? Article, string Snippet, long Missed)
{
    /// <summary>A gap notice.</summary>
    public static WatchEvent Gap(long missed) => new(null, string.Empty, missed);
}
