namespace SeedSearch.Ingest.Publishing;

/// <summary>A snapshot of how forwarding to search is going, for health and status reports.</summary>
/// <param name="LastSuccessAt">When search last acknowledged a batch; null if never since start.</param>
/// <param name="LastError">The last forwarding failure; empty once a later batch succeeds.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
/// <param name="Forwarded">Operations search has acknowledged since start.</param>
public sealed record ForwardingState(DateTimeOffset? LastSuccessAt, string LastError, DateTimeOffset? LastErrorAt, long Forwarded)
{
    /// <summary>True while the last attempt failed: search is down or refusing.</summary>
    public bool Failing => LastError.Length > 0;

    /// <summary>The circuit breaker in front of search.</summary>
    public ForwardingCircuit Circuit { get; init; }

    /// <summary>Operations read from the outbox and held in memory for the batch in flight (0 when idle).</summary>
    public int InFlight { get; init; }

    /// <summary>The most operations held in memory at once since start: at most <c>Publishing:BatchSize</c>.</summary>
    public int PeakInFlight { get; init; }
}
