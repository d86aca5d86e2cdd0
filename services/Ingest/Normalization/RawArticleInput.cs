namespace SeedSearch.Ingest.Normalization;

/// <summary>An article as a client sent it, before normalisation.</summary>
public sealed record RawArticleInput(
    string Id,
    string Title,
    string Body,
    string Url,
    string Source,
    string PublishedAt,
    IReadOnlyList<string> Tags,
    string ContentType);
