using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The index cannot be written (disk full, read-only or inaccessible directory): the write was
/// rolled back to the last commit and is refused. Searches go on from that commit, and writes
/// resume by themselves once the directory takes writes again.
/// </summary>
public sealed class IndexUnavailableException(string message, Exception? innerException = null)
    : UnavailableException(message, innerException);
