using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// Turns <see cref="RequestValidationException"/> from any handler into INVALID_ARGUMENT with
/// field violations, so each service method does not repeat the mapping.
/// </summary>
public sealed class RequestValidationInterceptor : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RequestValidationException ex)
        {
            throw RpcErrors.InvalidArgument(ex.Errors);
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
        catch (RequestValidationException ex)
        {
            throw RpcErrors.InvalidArgument(ex.Errors);
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
        catch (RequestValidationException ex)
        {
            throw RpcErrors.InvalidArgument(ex.Errors);
        }
    }
}
