namespace SeedSearch.Search.Indexing;

/// <summary>What an upsert did to one article.</summary>
public enum UpsertStatus
{
    /// <summary>The id was new.</summary>
    Created,
    /// <summary>The id existed with other content and was replaced.</summary>
    Updated,
    /// <summary>The id existed with the same content hash; nothing was written.</summary>
    Unchanged,
}
