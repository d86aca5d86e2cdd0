namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// The service cannot do this now but may later (storage refusing writes, a dependency down):
/// UNAVAILABLE, which clients retry (HTTP 503).
/// </summary>
public class UnavailableException(string message, Exception? innerException = null) : ServiceException(message, innerException);
