using System.Diagnostics.Metrics;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.Search.Indexing;

/// <summary>The index's metrics: searchable documents, writability, failed merges, commit (fsync) and searcher-refresh timings.</summary>
public sealed class IndexMetrics
{
    /// <summary>Creates the instruments on the host's meter and follows <paramref name="index"/>'s commits.</summary>
    public IndexMetrics(IMeterFactory meters, ArticleIndex index)
    {
        var meter = meters.Create(HostingExtensions.TelemetrySourceName);
        var commit = meter.CreateHistogram<double>("seedsearch.index.commit.duration", "s", "Durable commit (fsync) of the index writer");
        var refresh = meter.CreateHistogram<double>("seedsearch.index.refresh.duration", "s", "Reopening the searcher after a commit");
        meter.CreateObservableGauge("seedsearch.index.documents", () => index.DocumentCount, "{document}", "Searchable documents");
        meter.CreateObservableGauge("seedsearch.index.writable", () => index.WriteFault is null ? 1 : 0, null,
            "1 while the index takes writes, 0 while they are refused (disk full, read-only directory)");
        var mergeFailures = meter.CreateCounter<long>("seedsearch.index.merge.failures", "{merge}",
            "Background merges that failed (their segments are kept and merged later)");
        index.MergeFailed += _ => mergeFailures.Add(1);
        index.Committed += (committed, refreshed) =>
        {
            commit.Record(committed.TotalSeconds);
            refresh.Record(refreshed.TotalSeconds);
        };
    }
}
