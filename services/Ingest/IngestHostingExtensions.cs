using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Ingestion;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Outbox;
using SeedSearch.Ingest.Publishing;
using SeedSearch.Ingest.Sources;
using SeedSearch.ServiceDefaults;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Ingest;

/// <summary>Registers the ingest service's domain: options, normalisation, forwarding and seeding.</summary>
public static class IngestHostingExtensions
{
    /// <summary>Adds everything the ingest service needs besides the shared defaults.</summary>
    public static IHostApplicationBuilder AddIngestServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NormalizationOptions>().BindConfiguration(NormalizationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "Normalization:DefaultTimeZone is not a known time zone")
            .ValidateOnStart();
        services.AddOptions<SearchClientOptions>().BindConfiguration(SearchClientOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ClientKeyPath.Length == 0 || o.ClientCertificatePath.Length > 0, "Search:ClientKeyPath needs Search:ClientCertificatePath")
            .ValidateOnStart();
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ArticleLogOptions>().BindConfiguration(ArticleLogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleNormalizer>();
        services.AddGrpcClient<IndexService.IndexServiceClient>((sp, client) =>
                client.Address = new Uri(sp.GetRequiredService<IOptions<SearchClientOptions>>().Value.Address))
            // The Polly pipeline is the only retry layer; grpc-dotnet's own retries stay off. The
            // key goes on plaintext loopback channels too (the default deployment).
            .ConfigureChannel((sp, channel) =>
            {
                channel.MaxRetryAttempts = 0;
                // After failed connects the channel waits before dialling again, doubling up to
                // 120 s by default: after a long outage search would sit idle that long. Cap it
                // at the longest retry delay.
                var publishing = sp.GetRequiredService<IOptions<PublishingOptions>>().Value;
                channel.InitialReconnectBackoff = publishing.RetryBaseDelay;
                channel.MaxReconnectBackoff = publishing.RetryMaxDelay;
                // A cancelled call (the per-attempt timeout on a stalled connection) must surface as
                // OperationCanceledException, which Polly's timeout turns into a retryable
                // TimeoutRejectedException; as RpcException(CANCELLED) it was neither retried nor
                // counted by the circuit breaker.
                channel.ThrowOperationCanceledOnCancellation = true;
                channel.UnsafeUseInsecureChannelCallCredentials = true;
            })
            .AddCallCredentials((_, metadata, sp) =>
            {
                var key = sp.GetRequiredService<IOptions<SearchClientOptions>>().Value.ApiKey;
                if (key.Length > 0)
                {
                    metadata.Add("authorization", $"Bearer {key}");
                }

                return Task.CompletedTask;
            })
            // The gRPC client factory's primary handler is a SocketsHttpHandler; only its TLS settings change.
            .ConfigurePrimaryHttpMessageHandler((handler, sp) => SearchChannelTls.Apply((SocketsHttpHandler)handler,
                sp.GetRequiredService<IOptions<SearchClientOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<Polly.CircuitBreaker.CircuitBreakerStateProvider>();
        services.AddSingleton(sp => ForwardingPipelineFactory.Create(
            sp.GetRequiredService<IOptions<PublishingOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Polly.CircuitBreaker.CircuitBreakerStateProvider>()));
        services.AddTransient(sp => new SearchIndexPublisher(
            sp.GetRequiredService<IndexService.IndexServiceClient>(), sp.GetRequiredService<Polly.ResiliencePipeline>()));
        services.AddSingleton(sp =>
        {
            var outbox = sp.GetRequiredService<IOptions<OutboxOptions>>().Value;
            var path = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, outbox.Path);
            return new ArticleOutbox(path, outbox.MaxDepth, sp.GetRequiredService<TimeProvider>());
        });
        services.AddStartupSingleton<OutboxMetrics>();
        // The outbox drains to search directly (one node), or to the article log that replicas follow.
        services.AddSingleton<SearchServiceTarget>();
        services.AddSingleton<ArticleLogPublisher>();
        services.AddSingleton<IForwardingTarget>(sp => sp.GetRequiredService<IOptions<ArticleLogOptions>>().Value.Enabled
            ? sp.GetRequiredService<ArticleLogPublisher>()
            : sp.GetRequiredService<SearchServiceTarget>());
        services.AddSingleton<OutboxForwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxForwarder>());
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox");
        services.AddTransient<ArticleIngestor>();
        services.AddSingleton<SeedFolderImporter>();
        services.AddHostedService(sp => sp.GetRequiredService<SeedFolderImporter>());
        return builder;
    }
}
