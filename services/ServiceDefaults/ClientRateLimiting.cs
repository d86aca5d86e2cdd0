using System.Globalization;
using System.Threading.RateLimiting;
using Google.Protobuf;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// Request limits through ASP.NET Core's rate limiter: a token bucket per client address and a
/// cap on calls served at once, over every RPC and REST route (health, probes and metrics are
/// never limited). A refused gRPC call is <c>RESOURCE_EXHAUSTED</c> with a
/// <c>google.rpc.RetryInfo</c> saying when to retry; a refused REST call is <c>429</c> with
/// <c>Retry-After</c>.
/// </summary>
public static class ClientRateLimiting
{
    /// <summary>
    /// Adds the limiter when <see cref="RateLimitingOptions.PermitsPerSecond"/> or
    /// <see cref="RateLimitingOptions.MaxConcurrentCalls"/> is above zero.
    /// </summary>
    public static TBuilder AddClientRateLimiting<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new();
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var limiters = new List<PartitionedRateLimiter<HttpContext>>();
        if (options.PermitsPerSecond > 0)
        {
            limiters.Add(ExceptInfrastructure(context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        }

        if (options.MaxConcurrentCalls > 0)
        {
            // Refusing early keeps an overloaded service answering: without a cap, calls pile up
            // until their deadlines pass or Kestrel resets the connection.
            limiters.Add(ExceptInfrastructure(_ => RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentCalls,
                QueueLimit = options.ConcurrencyQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })));
        }

        if (limiters.Count == 0)
        {
            return builder;
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = limiters.Count == 1 ? limiters[0] : PartitionedRateLimiter.CreateChained([.. limiters]);
            limiter.OnRejected = (context, _) =>
            {
                // A token bucket says when its next token comes; a full concurrency cap does not.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
                    ? after
                    : TimeSpan.FromSeconds(1);
                return new ValueTask(RejectAsync(context.HttpContext, retryAfter, Reason(context.Lease)));
            };
        });
        return builder;
    }

    /// <summary>Enables the limiter when it was added.</summary>
    public static WebApplication UseClientRateLimiting(this WebApplication app)
    {
        if (app.Services.GetService<Microsoft.Extensions.Options.IOptions<RateLimiterOptions>>()?.Value.GlobalLimiter is not null)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    // Health, probes and metrics are never limited.
    private static PartitionedRateLimiter<HttpContext> ExceptInfrastructure(Func<HttpContext, RateLimitPartition<string>> partition) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HostingExtensions.IsInfrastructure(context.Request.Path) ? RateLimitPartition.GetNoLimiter(string.Empty) : partition(context));

    // The client is its address; behind a proxy, configure forwarded headers so this is the caller's.
    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // Only the token bucket's lease carries RetryAfter metadata.
    private static string Reason(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out _) ? "rate limit exceeded for this client" : "server busy: too many calls at once";

    private static Task RejectAsync(HttpContext context, TimeSpan retryAfter, string reason)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var status = RpcErrors.ToStatus(new ResourceExhaustedException($"{reason}; retry after {seconds} s", TimeSpan.FromSeconds(seconds)));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A trailers-only gRPC response: HTTP 200 with the status in the headers, which both
            // gRPC and gRPC-Web clients read.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = context.Request.ContentType;
            context.Response.Headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
            context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
            return Task.CompletedTask;
        }

        context.Response.StatusCode = RpcErrors.HttpStatus((Code)status.Code);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(RpcErrors.ToJson(status));
    }
}
