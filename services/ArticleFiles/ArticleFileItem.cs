namespace SeedSearch.ArticleFiles;

/// <summary>
/// One entry read from a file: either an article or the reason its text could not be read
/// (a malformed JSON line, say). Readers report problems instead of throwing, so one bad line
/// never stops an import.
/// </summary>
public sealed record ArticleFileItem(ArticleLocation Location, ArticleRecord? Article, string? Problem)
{
    /// <summary>An article read at <paramref name="location"/>.</summary>
    public static ArticleFileItem Read(ArticleLocation location, ArticleRecord article) => new(location, article, null);

    /// <summary>Text at <paramref name="location"/> that is not an article, with the reason.</summary>
    public static ArticleFileItem Malformed(ArticleLocation location, string problem) => new(location, null, problem);
}
