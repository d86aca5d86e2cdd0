namespace SeedSearch.Ingest.Normalization;

/// <summary>A clean article, ready to index.</summary>
public sealed record NormalizedArticle(
    string Id,
    string Title,
    string Body,
    string Url,
    string Source,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> Tags,
    string ContentHash);
