using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Outbox;

/// <summary>How the outbox took one article.</summary>
/// <param name="Status">Created, updated, or unchanged (a duplicate: nothing was queued).</param>
/// <param name="Sequence">
/// The outbox position after which the article is searchable: its own entry, or for a duplicate
/// the newest entry at that moment (an earlier copy may still be on its way).
/// </param>
public readonly record struct Acceptance(PublishStatus Status, long Sequence);
