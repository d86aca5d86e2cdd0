namespace SeedSearch.Search.Indexing;

/// <summary>Order of search hits.</summary>
public enum IndexSort
{
    /// <summary>Best match first.</summary>
    Relevance,
    /// <summary>Newest publication first; undated last.</summary>
    Newest,
    /// <summary>Oldest publication first; undated last.</summary>
    Oldest,
}
