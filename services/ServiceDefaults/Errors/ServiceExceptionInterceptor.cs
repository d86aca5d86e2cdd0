using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// Turns every <see cref="ServiceException"/> from any handler into its status code with rich
/// details (<see cref="RpcErrors.ToRpcException"/>). JSON transcoding runs the same interceptor,
/// so REST callers get the same code as an HTTP status and the same details as JSON.
/// </summary>
public sealed class ServiceExceptionInterceptor : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ServiceException ex)
        {
            throw RpcErrors.ToRpcException(ex);
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (ServiceException ex)
        {
            throw RpcErrors.ToRpcException(ex);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (ServiceException ex)
        {
            throw RpcErrors.ToRpcException(ex);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (ServiceException ex)
        {
            throw RpcErrors.ToRpcException(ex);
        }
    }
}
