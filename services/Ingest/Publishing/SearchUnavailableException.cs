namespace SeedSearch.Ingest.Publishing;

/// <summary>The search service could not take a batch, even after retries (or the circuit is open).</summary>
public sealed class SearchUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);
