namespace SeedSearch.Search.Querying;

/// <summary>How query text is read.</summary>
public enum QuerySyntax
{
    /// <summary>Forgiving search-box syntax that never fails.</summary>
    Simple,
    /// <summary>Full Lucene syntax; syntax errors are reported to the caller.</summary>
    Lucene,
}
