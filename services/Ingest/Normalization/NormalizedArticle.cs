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
    string ContentHash)
{
    /// <summary>
    /// Findings that did not reject the article, such as a body flagged as not Portuguese
    /// (<see cref="LanguageCheckMode.Flag"/>). Empty by default; not part of <see cref="ContentHash"/>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
