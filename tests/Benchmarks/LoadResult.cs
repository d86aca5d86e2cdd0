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

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double P999 => Percentile(0.999);

    // Nearest rank: the smallest latency with at least p of all latencies at or below it.
    private double Percentile(double p) =>
        Latencies.Length == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Length) - 1, 0, Latencies.Length - 1)];
}
