namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// An error the caller is meant to see, thrown by domain code in its own terms (a bad field, an
/// unknown id, a full outbox) without transport types. Its subclasses are the only errors that
/// become status codes, all in one place: <see cref="RpcErrors.ToStatus"/>, applied to gRPC and
/// JSON/REST calls by <see cref="ServiceExceptionInterceptor"/>.
/// </summary>
public abstract class ServiceException(string message, Exception? innerException = null) : Exception(message, innerException);
