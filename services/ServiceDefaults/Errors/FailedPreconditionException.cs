namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// The request is valid but this process is in no state to do it (a write sent to a replica that
/// only takes writes from the article log): FAILED_PRECONDITION, not retried (HTTP 400).
/// </summary>
public sealed class FailedPreconditionException(string message) : ServiceException(message);
