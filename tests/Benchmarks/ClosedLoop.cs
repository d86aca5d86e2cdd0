using System.Diagnostics;

namespace SeedSearch.Benchmarks;

/// <summary>
/// A closed-loop load: each worker sends its next query as soon as the previous one answered,
/// for a fixed time. Every latency is kept, so percentiles are exact.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<BenchmarkQuery> queries, int concurrency, TimeSpan duration,
        Func<BenchmarkQuery, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // Task.Run: in-process searches are synchronous, so each worker needs a thread of its own.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            // Workers start spread over the query list, so they do not send the same query together.
            for (var i = worker * queries.Count / concurrency; Stopwatch.GetTimestamp() < deadline; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    await send(queries[i % queries.Count], cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failing query must not stop the load; it is counted and the first one shown.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{queries[i % queries.Count].Text}: {ex.Message}", null);
                }
            }
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(concurrency, latencies.SelectMany(l => l).Order().ToArray(), errors, elapsed, firstError);
    }
}
