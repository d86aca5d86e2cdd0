using System.Diagnostics;
using System.Globalization;

namespace SeedSearch.Benchmarks;

/// <summary>
/// Samples both services on a fixed interval: resident set size from /proc, the GC heap as the
/// service itself reports it on its Prometheus <c>/metrics</c> endpoint (the sum of
/// <c>dotnet.gc.last_collection.heap.size</c> over generations, as of the last collection), CPU
/// time, and the machine's load average, which says how much other work shared the cores.
/// </summary>
internal sealed class ResourceSampler(LocalSystem system, TimeSpan interval) : IDisposable
{
    /// <summary>The runtime metric summed over generations; OpenTelemetry's Prometheus name for dotnet.gc.last_collection.heap.size.</summary>
    public const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<ResourceSample> _samples = [];

    /// <summary>Samples so far, oldest first.</summary>
    public IReadOnlyList<ResourceSample> Samples => _samples;

    /// <summary>Samples until <paramref name="cancellationToken"/> is cancelled; times are seconds since <paramref name="origin"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public async Task RunAsync(long origin, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var searchHeap = HeapAsync(system.SearchWebAddress, cancellationToken);
            var ingestHeap = HeapAsync(system.IngestWebAddress, cancellationToken);
            _samples.Add(new ResourceSample(Stopwatch.GetElapsedTime(origin).TotalSeconds,
                system.Search.ResidentBytes, await searchHeap, system.Search.CpuTime,
                system.Ingest.ResidentBytes, await ingestHeap, system.Ingest.CpuTime, LoadAverage()));
        }
        while (await Ticked(timer, cancellationToken));
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> in a Prometheus text exposition; null if it has none.</summary>
    public static double? SumMetric(string exposition, string metric)
    {
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            // name{labels} value [timestamp]; label values may hold spaces, so start after the labels.
            var afterLabels = line[metric.Length] == '{' ? line.IndexOf('}', metric.Length) + 1 : metric.Length;
            var value = line[afterLabels..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    public void Dispose() => _http.Dispose();

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    private async Task<long?> HeapAsync(string webAddress, CancellationToken cancellationToken)
    {
        try
        {
            return (long?)SumMetric(await _http.GetStringAsync($"{webAddress}/metrics", cancellationToken), HeapMetric);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A missed scrape leaves a gap; RSS is still sampled.
            return null;
        }
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
