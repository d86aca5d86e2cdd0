using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Ingestion;

/// <summary>The id an article is stored under, how the outbox took it, and normalisation warnings.</summary>
public sealed record IngestOutcome(string Id, PublishStatus Status, IReadOnlyList<string> Warnings);
