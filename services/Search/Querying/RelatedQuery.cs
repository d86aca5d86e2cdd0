namespace SeedSearch.Search.Querying;

/// <summary>A related-articles request as the domain sees it.</summary>
/// <param name="Id">The article whose related articles are wanted.</param>
/// <param name="PageSize">Articles per page; 0 means <see cref="RelatedArticles.DefaultPageSize"/>.</param>
/// <param name="PageToken">Token from a previous page, or empty.</param>
public sealed record RelatedQuery(string Id, int PageSize = 0, string PageToken = "")
{
    /// <summary>Everything that shapes the list; a page token is only valid for the same key.</summary>
    public string Key(int pageSize) => string.Join('\u001F', "related", pageSize, Id);
}
