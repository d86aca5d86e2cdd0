namespace SeedSearch.Benchmarks;

/// <summary>Count and percentiles of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double P999, double Max)
{
    /// <summary>Summarises <paramref name="sorted"/>, which must be in ascending order.</summary>
    public static LatencySummary Of(double[] sorted) =>
        new(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999), sorted.Length == 0 ? double.NaN : sorted[^1]);

    /// <summary>Nearest rank: the smallest latency with at least <paramref name="p"/> of all latencies at or below it; NaN when empty.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
