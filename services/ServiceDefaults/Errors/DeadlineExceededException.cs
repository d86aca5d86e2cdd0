namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// The work was accepted but did not finish within the time the call allows: DEADLINE_EXCEEDED
/// (HTTP 504). The message says what state the work is in.
/// </summary>
public class DeadlineExceededException(string message) : ServiceException(message);
