namespace SeedSearch.Search.Indexing;

/// <summary>One search hit: the stored article and its relevance score.</summary>
public sealed record ScoredArticle(IndexedArticle Article, float Score);
