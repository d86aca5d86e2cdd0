using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Ingestion;

/// <summary>The id an article is stored under and what indexing it did.</summary>
public sealed record IngestOutcome(string Id, PublishStatus Status);
