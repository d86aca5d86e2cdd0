namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// The forwarding target (search, or the article log) could not take a batch, even after retries
/// (or the circuit is open): the batch stays in the outbox for a later attempt.
/// </summary>
public sealed class ForwardingUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);
