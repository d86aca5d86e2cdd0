using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>Builds rich gRPC errors (<c>google.rpc.Status</c> with details).</summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a <c>google.rpc.BadRequest</c> listing every field error.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldError> errors)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(errors.Select(e =>
            new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Description }));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join("; ", errors.Select(e => $"{e.Field}: {e.Description}")),
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    /// <summary>NOT_FOUND for a resource named by id.</summary>
    public static RpcException NotFound(string resource, string id)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.NotFound,
            Message = $"{resource} '{id}' was not found.",
            Details = { Any.Pack(new ResourceInfo { ResourceType = resource, ResourceName = id }) },
        };
        return status.ToRpcException();
    }
}
