namespace SeedSearch.Search.Indexing;

/// <summary>One change from the article log: an upsert (<see cref="Article"/>) or a delete (<see cref="DeleteId"/>).</summary>
public sealed record IndexChange(IndexedArticle? Article, string? DeleteId)
{
    /// <summary>Adds or replaces <paramref name="article"/>.</summary>
    public static IndexChange Upsert(IndexedArticle article) => new(article, null);

    /// <summary>Removes the article <paramref name="id"/>.</summary>
    public static IndexChange Delete(string id) => new(null, id);
}
