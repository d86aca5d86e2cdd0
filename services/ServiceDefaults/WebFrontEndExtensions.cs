using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;
using OpenTelemetry.Metrics;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// What browsers and other HTTP/1.1 clients need beside native gRPC: JSON/REST through gRPC JSON
/// transcoding (the <c>google.api.http</c> routes of the protos), gRPC-Web, CORS, an OpenAPI
/// description of the REST routes and a Prometheus scrape endpoint.
/// </summary>
public static class WebFrontEndExtensions
{
    /// <summary>Configuration key of the origins allowed to call from a browser (array of strings).</summary>
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    /// <summary>Where the OpenAPI description is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Where Prometheus scrapes the service's metrics.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Adds JSON transcoding, gRPC-Web, CORS, OpenAPI and the Prometheus exporter.</summary>
    public static TBuilder AddWebFrontEnds<TBuilder>(this TBuilder builder, string apiTitle) where TBuilder : IHostApplicationBuilder
    {
        // The rich error details (google.rpc.BadRequest field violations, ResourceInfo, RetryInfo)
        // are written as JSON too, so REST clients see the same field errors as gRPC ones.
        builder.Services.AddGrpc().AddJsonTranscoding(options =>
            options.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor));
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(options => options.SwaggerDoc("v1", new OpenApiInfo { Title = apiTitle, Version = "v1" }));

        // No origin is allowed unless configured; in Development every origin is, for local front ends.
        var origins = builder.Configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [];
        var anyOrigin = builder.Environment.IsDevelopment() && origins.Length == 0;
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (anyOrigin)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            // gRPC-Web clients read the status from these headers.
            policy.AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "Grpc-Status-Details-Bin");
        }));

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Enables CORS and gRPC-Web for every gRPC service mapped after it, checks REST query
    /// parameters' types (<see cref="RestQueryParameters"/>), and maps the OpenAPI
    /// description and the Prometheus endpoint.
    /// </summary>
    public static WebApplication UseWebFrontEnds(this WebApplication app)
    {
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseRestQueryParameterChecks();
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
