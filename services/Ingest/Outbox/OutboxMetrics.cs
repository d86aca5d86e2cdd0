using System.Diagnostics.Metrics;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.Ingest.Outbox;

/// <summary>The outbox's metrics: operations waiting for search, and dead letters.</summary>
public sealed class OutboxMetrics
{
    /// <summary>Creates the instruments on the host's meter, read from <paramref name="outbox"/> at each collection.</summary>
    public OutboxMetrics(IMeterFactory meters, ArticleOutbox outbox)
    {
        var meter = meters.Create(HostingExtensions.TelemetrySourceName);
        meter.CreateObservableGauge("seedsearch.outbox.depth", () => outbox.Depth, "{operation}", "Accepted operations not yet committed by search");
        meter.CreateObservableGauge("seedsearch.outbox.capacity", () => outbox.MaxDepth, "{operation}", "Outbox:MaxDepth");
        meter.CreateObservableGauge("seedsearch.outbox.dead_letters", () => outbox.DeadLetters, "{operation}", "Operations search refused for good");
    }
}
