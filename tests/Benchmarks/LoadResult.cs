namespace SeedSearch.Benchmarks;

/// <summary>The outcome of one closed-loop level.</summary>
/// <param name="Concurrency">Workers.</param>
/// <param name="Latencies">Latency of every successful query in milliseconds, sorted.</param>
/// <param name="Errors">Failed queries.</param>
/// <param name="Elapsed">Wall time of the level.</param>
/// <param name="FirstError">The first failure, for the report.</param>
internal sealed record LoadResult(int Concurrency, double[] Latencies, int Errors, TimeSpan Elapsed, string? FirstError)
{
    public double Qps => Latencies.Length / Elapsed.TotalSeconds;

    public double P50 => LatencySummary.Percentile(Latencies, 0.50);

    public double P99 => LatencySummary.Percentile(Latencies, 0.99);

    public double P999 => LatencySummary.Percentile(Latencies, 0.999);
}
