namespace SeedSearch.Search.Querying;

/// <summary>A search request as the domain sees it.</summary>
/// <param name="Text">The user's query text.</param>
/// <param name="PageSize">Hits per page; 0 means the configured default.</param>
/// <param name="PageToken">Token from a previous page, or empty.</param>
public sealed record SearchQuery(string Text, int PageSize, string PageToken);
