using Google.Rpc;
using Grpc.Core;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>Assertions on gRPC errors.</summary>
public static class RpcAssert
{
    /// <summary>INVALID_ARGUMENT whose google.rpc.BadRequest names <paramref name="field"/> with a description.</summary>
    public static void FieldViolation(RpcException ex, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == field && v.Description.Length > 0);
        Assert.Contains(field, ex.Status.Detail);
    }
}
