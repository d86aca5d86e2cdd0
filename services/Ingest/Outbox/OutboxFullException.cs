using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.Outbox;

/// <summary>The outbox holds its configured maximum; nothing of the refused batch was stored.</summary>
public sealed class OutboxFullException : ResourceExhaustedException
{
    /// <summary>A refused batch.</summary>
    public OutboxFullException(long depth, long maxDepth)
        : base($"The ingest outbox is full ({depth:N0} of {maxDepth:N0} operations wait for the search service); retry later.") =>
        Depth = depth;

    /// <summary>A refused batch in the middle of a stream, after <paramref name="accepted"/> articles were stored.</summary>
    public OutboxFullException(long depth, long maxDepth, int accepted, int received)
        : base($"The ingest outbox is full ({depth:N0} of {maxDepth:N0} operations wait for the search service); "
            + $"{accepted:N0} of the {received:N0} articles received were accepted before it filled up, and re-sending them is harmless. Retry later.") =>
        Depth = depth;

    /// <summary>Operations waiting when the batch was refused.</summary>
    public long Depth { get; }
}
