namespace SeedSearch.ArticleFiles;

/// <summary>
/// One article as read from a file, before any normalisation. Empty strings stand for absent
/// fields, as in the ingest contract.
/// </summary>
public sealed record ArticleRecord(
    string Id,
    string Title,
    string Body,
    string Url,
    string Source,
    string PublishedAt,
    IReadOnlyList<string> Tags,
    string ContentType)
{
    /// <summary>A whole-file article: the body only, everything else derived by ingest.</summary>
    public static ArticleRecord FromBody(string body, string contentType) =>
        new(string.Empty, string.Empty, body, string.Empty, string.Empty, string.Empty, [], contentType);
}
