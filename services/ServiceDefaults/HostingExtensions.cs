using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// Hosting defaults shared by both services: OpenTelemetry, transport security, health checks,
/// gRPC with the validation interceptor, server reflection and the standard gRPC health service.
/// </summary>
public static class HostingExtensions
{
    /// <summary>Name of the activity source and meter every service of the system writes to.</summary>
    public const string TelemetrySourceName = "SeedSearch";

    /// <summary>Adds telemetry, health checks and gRPC (with reflection and health) to the host.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddTransportSecurity();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ServiceExceptionInterceptor>();
            // Keep internal exception text out of responses; the interceptor already turns
            // service errors (bad fields, unknown ids, full queues) into their status codes.
            options.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Configuration key that turns gRPC server reflection off when false.</summary>
    public const string ReflectionKey = "Grpc:EnableReflection";

    /// <summary>HTTP readiness probe: every health check (200 Healthy or Degraded, 503 Unhealthy).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>HTTP liveness probe: the process answers.</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// Health checks, probes and the metrics scrape: neither traced nor rate limited, so
    /// monitoring never fills the traces or gets refused.
    /// </summary>
    public static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/grpc.health.v1.Health") || path.StartsWithSegments(HealthPath)
        || path.StartsWithSegments(AlivePath) || path.StartsWithSegments(WebFrontEndExtensions.MetricsPath);

    /// <summary>
    /// Maps gRPC health (<c>grpc.health.v1.Health</c>), server reflection and the HTTP health
    /// probes for load balancers and containers.
    /// </summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapGrpcHealthChecksService();
        // Reflection lets grpcurl and buf curl list and call services without the protos; on by default.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(ReflectionKey, true))
        {
            app.MapGrpcReflectionService();
        }

        return app;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, TelemetrySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructure(ctx.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        // Export only when an OTLP endpoint is configured (the Aspire AppHost sets one).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }
}
