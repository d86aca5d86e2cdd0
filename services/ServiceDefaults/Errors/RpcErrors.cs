using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// The one mapping from <see cref="ServiceException"/> to a status: <c>google.rpc.Status</c> with
/// rich details for gRPC, and the same status as an HTTP code and JSON body for REST.
/// </summary>
public static class RpcErrors
{
    // Error details are written as JSON too, so REST clients see field violations and retry hints.
    private static readonly JsonFormatter DetailsFormatter =
        new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    /// <summary>The status a service error stands for.</summary>
    public static Google.Rpc.Status ToStatus(ServiceException error)
    {
        var status = new Google.Rpc.Status { Message = error.Message };
        switch (error)
        {
            case RequestValidationException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(invalid.Errors.Select(e =>
                    new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Description }));
                status.Code = (int)Code.InvalidArgument;
                status.Details.Add(Any.Pack(badRequest));
                break;
            case NotFoundException notFound:
                status.Code = (int)Code.NotFound;
                status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = notFound.Resource, ResourceName = notFound.Id }));
                break;
            case ResourceExhaustedException exhausted:
                status.Code = (int)Code.ResourceExhausted;
                if (exhausted.RetryAfter is { } wait)
                {
                    status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(wait) }));
                }

                break;
            case UnavailableException:
                status.Code = (int)Code.Unavailable;
                break;
            case DeadlineExceededException:
                status.Code = (int)Code.DeadlineExceeded;
                break;
            case FailedPreconditionException:
                status.Code = (int)Code.FailedPrecondition;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(error), error.GetType(), "A service error without a status.");
        }

        return status;
    }

    /// <summary>The gRPC exception for a service error (trailers carry the rich status).</summary>
    public static RpcException ToRpcException(ServiceException error) => ToStatus(error).ToRpcException();

    /// <summary>
    /// The HTTP status of a gRPC code, as JSON transcoding maps it (google/rpc/code.proto), for
    /// responses written outside a gRPC handler.
    /// </summary>
    public static int HttpStatus(Code code) => code switch
    {
        Code.Ok => 200,
        Code.InvalidArgument or Code.FailedPrecondition or Code.OutOfRange => 400,
        Code.Unauthenticated => 401,
        Code.PermissionDenied => 403,
        Code.NotFound => 404,
        Code.AlreadyExists or Code.Aborted => 409,
        Code.ResourceExhausted => 429,
        Code.Cancelled => 499,
        Code.Unimplemented => 501,
        Code.Unavailable => 503,
        Code.DeadlineExceeded => 504,
        _ => 500,
    };

    /// <summary>A status as the JSON body REST clients get (<c>{"code":…,"message":…,"details":[…]}</c>).</summary>
    public static string ToJson(Google.Rpc.Status status) => DetailsFormatter.Format(status);
}
