using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Querying;

/// <summary>One ranked hit with its highlighted snippet and title.</summary>
public sealed record SearchHitResult(IndexedArticle Article, float Score, string Snippet, string TitleHighlighted);
