using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// A <c>wait_for_indexed</c> request ran out of time: the operation is durably accepted and
/// will reach search, but is not searchable yet.
/// </summary>
public sealed class IndexingPendingException(string message) : DeadlineExceededException(message);
