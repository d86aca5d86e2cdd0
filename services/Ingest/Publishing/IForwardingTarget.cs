using SeedSearch.Ingest.Outbox;

namespace SeedSearch.Ingest.Publishing;

/// <summary>Where the outbox forwarder sends operations: the search service, or the article log.</summary>
public interface IForwardingTarget
{
    /// <summary>What the target is, for logs and health ("search", "article log").</summary>
    string Name { get; }

    /// <summary>
    /// Makes each operation of <paramref name="latest"/> (at most one per id) durable at the
    /// target, or moves an operation the target refuses for good to the outbox's dead letters.
    /// Throws <see cref="ForwardingUnavailableException"/> when the target could not take the
    /// batch; the whole batch is then sent again later, which idempotent operations make harmless.
    /// </summary>
    Task ForwardAsync(IReadOnlyList<OutboxEntry> latest, CancellationToken cancellationToken);
}
