using System.Globalization;

namespace SeedSearch.Benchmarks;

/// <summary>
/// What a sustained load measured, summarised over its measured minutes (the warm-up is shown
/// apart and never fails the run), and whether it passed.
/// </summary>
internal sealed class SustainedLoadResult
{
    private const double Megabyte = 1e6;

    private readonly BenchmarkOptions _options;
    private readonly IReadOnlyList<string> _queryKinds;
    private readonly OpenLoop _searches;
    private readonly OpenLoop _ingests;
    private readonly IReadOnlyList<ResourceSample> _samples;
    private readonly int _rejected;
    private readonly int _acknowledged;
    private readonly long _outboxLeft;
    private readonly TimeSpan _drained;
    private readonly long? _documents;
    private readonly int _missing;
    private readonly double _seconds;
    private readonly double _warmup;

    public SustainedLoadResult(BenchmarkOptions options, IReadOnlyList<string> queryKinds, OpenLoop searches, OpenLoop ingests, IReadOnlyList<ResourceSample> memory,
        int rejected, int acknowledged, long outboxLeft, TimeSpan drained, long? documents, int missing)
    {
        (_options, _queryKinds, _searches, _ingests, _samples) = (options, queryKinds, searches, ingests, memory);
        (_rejected, _acknowledged, _outboxLeft, _drained, _documents, _missing) = (rejected, acknowledged, outboxLeft, drained, documents, missing);
        _seconds = options.Minutes * 60.0;
        _warmup = options.Warmup.TotalSeconds;
        Search = Summarise(searches, 0, _seconds);
        Ingest = Summarise(ingests, 0, _seconds);
        SearchRssSlope = Slope(s => s.SearchRss);
        IngestRssSlope = Slope(s => s.IngestRss);
        Errors = Measured(searches, 0, _seconds).Count(o => o.Error is not null) + Measured(ingests, 0, _seconds).Count(o => o.Error is not null) + rejected;
    }

    /// <summary>Search latencies of the measured minutes.</summary>
    public LatencySummary Search { get; }

    /// <summary>Ingest latencies (until acknowledged) of the measured minutes.</summary>
    public LatencySummary Ingest { get; }

    /// <summary>Least-squares slope of search's RSS over the second half, MB/min.</summary>
    public double SearchRssSlope { get; }

    /// <summary>Least-squares slope of ingest's RSS over the second half, MB/min.</summary>
    public double IngestRssSlope { get; }

    /// <summary>Failed calls of both loads in the measured minutes, plus articles ingest rejected.</summary>
    public int Errors { get; }

    public bool Passed => Checks().All(c => c.Passed);

    public void Write(BenchmarkReport report)
    {
        var o = _options;
        report.Table("Sustained load: throughput and latency",
            $"Open loop for {o.Minutes} min after a {_warmup:F0} s warm-up{(o.Preload > 0 ? $", over {o.Preload:N0} preloaded articles" : "")}: " +
            $"search.v1.SearchService/Search at {o.Qps} QPS ({_queryKinds.Count} queries, cycled; {SustainedLoad.SearchDeadline.TotalSeconds:F0} s deadline) and " +
            (o.IngestBatch == 1 ? $"ingest.v1.IngestService/IngestArticle at {o.IngestRate} articles/s (unary" : $"IngestArticles streams of {o.IngestBatch} at {o.IngestRate} articles/s (") +
            ", acknowledged once in the outbox, so ingest latency is until acknowledged), both on fixed schedules. " +
            "Latency runs from each call's scheduled send time, so a stall counts against every call it delays; send lag is how late this tool itself sent. ms.",
            ["load", "target /s", "achieved /s", "ok", "failed", "p50", "p99", "p99.9", "max", "send lag p99", "send lag max"],
            [Row("search", _searches, o.Qps, Search, 1), Row("ingest", _ingests, o.IngestRate, Ingest, o.IngestBatch)]);

        // Which queries make the tail: the search call number says which query it sent.
        var served = Measured(_searches, 0, _seconds).Where(x => x.Error is null).ToList();
        var overLimit = served.Count(x => x.LatencyMs > o.P99Limit);
        report.Table("Sustained load: search latency by query kind",
            $"Successful searches of the measured minutes by the kind of query sent; \"over {Format(o.P99Limit)} ms\" counts calls slower than the p99 limit " +
            $"({overLimit:N0} in all). ms.",
            ["kind", "searches", "p50", "p99", "max", $"over {Format(o.P99Limit)} ms", "share of those"],
            served.GroupBy(x => _queryKinds[(int)(x.Number % _queryKinds.Count)]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var latency = LatencySummary.Of([.. g.Select(x => x.LatencyMs).Order()]);
                var over = g.Count(x => x.LatencyMs > o.P99Limit);
                return (IReadOnlyList<string>)[g.Key, $"{latency.Count:N0}", Format(latency.P50), Format(latency.P99), Format(latency.Max),
                    $"{over:N0}", overLimit == 0 ? "–" : $"{100.0 * over / overLimit:F0} %"];
            }));

        var codes = _searches.Outcomes.Concat(_ingests.Outcomes).Select(x => x.Error).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        report.Table("Sustained load: errors by gRPC status code",
            codes.Count == 0 && _rejected == 0 ? "None." : "Calls that failed, by status code (or exception type outside gRPC); only the measured minutes fail the run.",
            ["code", "search, warm-up", "search, measured", "ingest, warm-up", "ingest, measured"],
            codes.Select(c => (IReadOnlyList<string>)[c, Count(_searches, c, -_warmup, 0), Count(_searches, c, 0, _seconds),
                    Count(_ingests, c, -_warmup, 0), Count(_ingests, c, 0, _seconds)])
                .Append(["articles rejected in a stream (whole run)", "", "", "", $"{_rejected:N0}"]));

        report.Table("Sustained load: memory per minute",
            $"Sampled every {o.SampleInterval.TotalSeconds:F0} s: RSS is VmRSS of /proc/<pid>/status (the highest sample of the minute); GC heap is the " +
            $"service's own `{ResourceSampler.HeapMetric}` summed over generations on its /metrics (the last sample of the minute). MB.",
            ["minute", "search QPS", "search p99 ms", "ingest articles/s", "ingest p99 ms", "search RSS", "search GC heap", "ingest RSS", "ingest GC heap",
                "search CPU %", "ingest CPU %", "load average"],
            Enumerable.Range(0, o.Minutes).Select(MinuteRow),
            $"CPU % is of one core over the interval; the load average (one-minute, /proc/loadavg) counts every runnable task on the machine's " +
            $"{Environment.ProcessorCount} cores, other users' work included. Whole measured phase: search {Format(CpuPercent(0, _seconds, s => s.SearchCpu))} %, " +
            $"ingest {Format(CpuPercent(0, _seconds, s => s.IngestCpu))} %, load average {Format(_samples.Where(s => s.At >= 0).Select(s => s.LoadAverage).DefaultIfEmpty(double.NaN).Min())}–" +
            $"{Format(_samples.Where(s => s.At >= 0).Select(s => s.LoadAverage).DefaultIfEmpty(double.NaN).Max())}.");

        var first = _samples.Where(s => s.At >= 0).ToList();
        report.Table("Sustained load: memory trend",
            $"Least-squares slope of RSS over the second half of the measured minutes ({_samples.Count(InSecondHalf)} samples); " +
            $"a slope above {o.RssSlopeLimit:F1} MB/min fails the run.",
            ["service", "RSS at start MB", "RSS at end MB", "RSS slope MB/min", "GC heap slope MB/min", "verdict"],
            [
                TrendRow("search", first.Select(s => s.SearchRss), SearchRssSlope, Slope(s => s.SearchHeap)),
                TrendRow("ingest", first.Select(s => s.IngestRss), IngestRssSlope, Slope(s => s.IngestHeap)),
            ]);

        report.Table("Sustained load: checks",
            $"After the load, ingest's outbox drained in {_drained.TotalSeconds:F1} s; then GetArticle for each of the {_acknowledged:N0} acknowledged ids " +
            $"(Search counts {(_documents is { } d ? d.ToString("N0", CultureInfo.InvariantCulture) : "?")} documents).",
            ["check", "value", "limit", "result"],
            Checks().Select(c => (IReadOnlyList<string>)[c.Name, c.Value, c.Limit, c.Passed ? "pass" : "FAIL"]),
            $"**Result: {(Passed ? "pass" : "FAIL")}**");
    }

    private IEnumerable<(string Name, string Value, string Limit, bool Passed)> Checks()
    {
        yield return ("errors in the measured minutes (failed calls + rejected articles)", Errors.ToString("N0", CultureInfo.InvariantCulture), "0", Errors == 0);
        yield return ("search p99 ms", Format(Search.P99), Format(_options.P99Limit), _options.Qps == 0 || Search.P99 <= _options.P99Limit);
        yield return ("search RSS slope MB/min", Format(SearchRssSlope), Format(_options.RssSlopeLimit), !(SearchRssSlope > _options.RssSlopeLimit));
        yield return ("ingest RSS slope MB/min", Format(IngestRssSlope), Format(_options.RssSlopeLimit), !(IngestRssSlope > _options.RssSlopeLimit));
        yield return ("outbox left after drain", _outboxLeft.ToString(CultureInfo.InvariantCulture), "0", _outboxLeft == 0);
        yield return ("acknowledged articles not found", _missing.ToString("N0", CultureInfo.InvariantCulture), "0", _missing == 0);
    }

    // Outcome times count from the start of the warm-up; the measured window starts after it.
    private LatencySummary Summarise(OpenLoop loop, double from, double to) =>
        LatencySummary.Of([.. Measured(loop, from, to).Where(x => x.Error is null).Select(x => x.LatencyMs).Order()]);

    private IEnumerable<OpenLoopOutcome> Measured(OpenLoop loop, double from, double to) =>
        loop.Outcomes.Where(x => x.At - _warmup >= from && x.At - _warmup < to);

    private IReadOnlyList<string> Row(string name, OpenLoop loop, int target, LatencySummary latency, int perCall)
    {
        var measured = Measured(loop, 0, _seconds).ToList();
        var lags = measured.Select(x => x.LagMs).Order().ToArray();
        return [name, $"{target:N0}", Format(latency.Count * perCall / _seconds), $"{latency.Count:N0}", $"{measured.Count - latency.Count:N0}",
            Format(latency.P50), Format(latency.P99), Format(latency.P999), Format(latency.Max), Format(LatencySummary.Percentile(lags, 0.99)), Format(lags.LastOrDefault())];
    }

    private IReadOnlyList<string> MinuteRow(int minute)
    {
        var (from, to) = (minute * 60.0, (minute + 1) * 60.0);
        var search = Summarise(_searches, from, to);
        var ingest = Summarise(_ingests, from, to);
        var samples = _samples.Where(s => s.At >= from && s.At < to).ToList();
        string Max(Func<ResourceSample, long?> value) => samples.Select(value).OfType<long>().DefaultIfEmpty().Max() is var max && max > 0 ? Format(max / Megabyte) : "";
        string Last(Func<ResourceSample, long?> value) => samples.Select(value).OfType<long>().LastOrDefault() is var last && last > 0 ? Format(last / Megabyte) : "";
        return [$"{minute + 1}", Format(search.Count / 60.0), Format(search.P99), Format(ingest.Count * _options.IngestBatch / 60.0), Format(ingest.P99),
            Max(s => s.SearchRss), Last(s => s.SearchHeap), Max(s => s.IngestRss), Last(s => s.IngestHeap),
            Format(CpuPercent(from, to, s => s.SearchCpu)), Format(CpuPercent(from, to, s => s.IngestCpu)),
            Format(samples.Select(s => s.LoadAverage).DefaultIfEmpty(double.NaN).Average())];
    }

    private IReadOnlyList<string> TrendRow(string name, IEnumerable<long> rss, double rssSlope, double heapSlope)
    {
        var values = rss.ToList();
        var verdict = double.IsNaN(rssSlope) ? "too few samples"
            : rssSlope > _options.RssSlopeLimit ? "GROWING"
            : "not growing";
        return [name, values.Count > 0 ? Format(values[0] / Megabyte) : "", values.Count > 0 ? Format(values[^1] / Megabyte) : "",
            Format(rssSlope), Format(heapSlope), verdict];
    }

    // CPU time used between the last samples before from and before to, as a percentage of one core.
    private double CpuPercent(double from, double to, Func<ResourceSample, TimeSpan> cpu)
    {
        var first = _samples.LastOrDefault(s => s.At <= from) ?? _samples.FirstOrDefault(s => s.At >= from);
        var last = _samples.LastOrDefault(s => s.At < to + 1);
        return first is null || last is null || last.At <= first.At ? double.NaN : (cpu(last) - cpu(first)).TotalSeconds / (last.At - first.At) * 100;
    }

    private bool InSecondHalf(ResourceSample sample) => sample.At >= _seconds / 2 && sample.At <= _seconds;

    private double Slope(Func<ResourceSample, long?> value) =>
        LeastSquares.Slope([.. _samples.Where(InSecondHalf).Where(s => value(s) is not null).Select(s => (s.At / 60, value(s)!.Value / Megabyte))]);

    private string Count(OpenLoop loop, string code, double from, double to) =>
        Measured(loop, from, to).Count(x => x.Error == code).ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString(Math.Abs(value) >= 100 ? "N0" : "F2", CultureInfo.InvariantCulture);
}
