namespace SeedSearch.Search.Indexing;

/// <summary>A normalised article as the index stores it.</summary>
/// <param name="Id">Stable id; the upsert key.</param>
/// <param name="Title">Plain-text title.</param>
/// <param name="Body">Plain-text body.</param>
/// <param name="Url">Canonical URL, or empty.</param>
/// <param name="Source">Publisher or feed name, or empty.</param>
/// <param name="PublishedAt">Publication time, if known.</param>
/// <param name="Tags">Free-form tags.</param>
/// <param name="ContentHash">Hash of the normalised content; equal hashes mean an unchanged article.</param>
public sealed record IndexedArticle(
    string Id,
    string Title,
    string Body,
    string Url,
    string Source,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> Tags,
    string ContentHash);
