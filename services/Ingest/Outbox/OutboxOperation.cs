namespace SeedSearch.Ingest.Outbox;

/// <summary>What an outbox entry asks the search service to do.</summary>
public enum OutboxOperation
{
    /// <summary>Index the article (insert or replace by id).</summary>
    Upsert = 1,
    /// <summary>Remove the article by id.</summary>
    Delete = 2,
}
