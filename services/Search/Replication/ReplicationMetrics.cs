using System.Diagnostics.Metrics;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.Search.Replication;

/// <summary>The replica's position in the article log as gauges (nothing is reported on a single node).</summary>
public sealed class ReplicationMetrics
{
    /// <summary>Creates the instruments on the host's meter.</summary>
    public ReplicationMetrics(IMeterFactory meters, ReplicationState state)
    {
        var meter = meters.Create(HostingExtensions.TelemetrySourceName);
        meter.CreateObservableGauge("seedsearch.replica.lag", () => Observe(state, s => s.Lag), "{record}",
            "Records in the article log not yet applied to this replica's index");
        meter.CreateObservableGauge("seedsearch.replica.applied_offset", () => Observe(state, s => s.AppliedOffset), "{offset}",
            "Offset of the last article-log record committed to this replica's index");
        meter.CreateObservableGauge("seedsearch.replica.connected", () => Observe(state, s => s.Connected ? 1 : 0), null,
            "1 while the replica is subscribed to the article log");
        meter.CreateObservableCounter("seedsearch.replica.records.applied", () => Observe(state, s => s.RecordsApplied), "{record}",
            "Article-log records applied since start");
        meter.CreateObservableCounter("seedsearch.replica.records.rejected", () => Observe(state, s => s.RecordsRejected), "{record}",
            "Article-log records skipped as invalid since start");
    }

    private static IEnumerable<Measurement<long>> Observe(ReplicationState state, Func<ReplicaStatus, long> value) =>
        state.Current is { } status ? [new Measurement<long>(value(status))] : [];
}
