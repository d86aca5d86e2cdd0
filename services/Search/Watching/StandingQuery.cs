using Lucene.Net.Search;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Watching;

/// <summary>
/// A query kept open: the parsed query, and the filters of the request (published range,
/// sources, tags), checked on the article itself since it is matched outside the index.
/// </summary>
public sealed record StandingQuery(
    Query Query,
    DateTimeOffset? PublishedAfter,
    DateTimeOffset? PublishedBefore,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Tags)
{
    /// <summary>Whether the filters let <paramref name="article"/> through (the query is matched separately).</summary>
    public bool Admits(IndexedArticle article) =>
        (Sources.Count == 0 || Sources.Contains(article.Source, StringComparer.Ordinal))
        && (Tags.Count == 0 || article.Tags.Any(t => Tags.Contains(t, StringComparer.Ordinal)))
        && (PublishedAfter is null || article.PublishedAt >= PublishedAfter)
        && (PublishedBefore is null || article.PublishedAt < PublishedBefore);
}
