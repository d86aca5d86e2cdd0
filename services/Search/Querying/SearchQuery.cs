using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Querying;

/// <summary>A search request as the domain sees it.</summary>
/// <param name="Text">The user's query text.</param>
/// <param name="PageSize">Hits per page; 0 means the configured default.</param>
/// <param name="PageToken">Token from a previous page, or empty.</param>
/// <param name="Syntax">How the text is read.</param>
/// <param name="PublishedAfter">Only articles published at or after this instant.</param>
/// <param name="PublishedBefore">Only articles published before this instant.</param>
/// <param name="Sources">Only articles from one of these sources; empty means any.</param>
/// <param name="Tags">Only articles with one of these tags; empty means any.</param>
/// <param name="Sort">Hit order.</param>
/// <param name="IncludeCopies">Every near-duplicate as its own hit, instead of one hit per story listing its copies.</param>
public sealed record SearchQuery(
    string Text,
    int PageSize,
    string PageToken,
    QuerySyntax Syntax = QuerySyntax.Simple,
    DateTimeOffset? PublishedAfter = null,
    DateTimeOffset? PublishedBefore = null,
    IReadOnlyList<string>? Sources = null,
    IReadOnlyList<string>? Tags = null,
    IndexSort Sort = IndexSort.Relevance,
    bool IncludeCopies = false)
{
    /// <summary>
    /// Everything that shapes the result list; a page token is only valid for the same key.
    /// </summary>
    public string Key(int pageSize) => string.Join('\u001F', pageSize, Syntax, Sort, IncludeCopies,
        PublishedAfter?.ToUnixTimeMilliseconds(), PublishedBefore?.ToUnixTimeMilliseconds(),
        string.Join('\u001E', Sources ?? []), string.Join('\u001E', Tags ?? []), Text);
}
