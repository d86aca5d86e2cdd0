using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Querying;

/// <summary>One ranked hit with its highlighted snippet and title.</summary>
public sealed record SearchHitResult(IndexedArticle Article, float Score, string Snippet, string TitleHighlighted)
{
    /// <summary>Its near-duplicates listed, when copies are collapsed.</summary>
    public IReadOnlyList<ArticleCopy> Copies { get; init; } = [];

    /// <summary>How many near-duplicates it has, when copies are collapsed.</summary>
    public int CopyCount { get; init; }
}
