namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// A capacity is used up (a full queue, a rate limit): RESOURCE_EXHAUSTED, with
/// <c>google.rpc.RetryInfo</c> when the wait is known (HTTP 429).
/// </summary>
public class ResourceExhaustedException(string message, TimeSpan? retryAfter = null) : ServiceException(message)
{
    /// <summary>How long the caller should wait before retrying, when known.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
