namespace SeedSearch.Ingest.Publishing;

/// <summary>What the search service did with a forwarded article.</summary>
public enum PublishStatus
{
    /// <summary>A new article was indexed.</summary>
    Created,
    /// <summary>An existing article was replaced.</summary>
    Updated,
    /// <summary>The same content was already indexed.</summary>
    Unchanged,
}
