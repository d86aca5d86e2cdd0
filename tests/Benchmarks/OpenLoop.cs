using System.Diagnostics;
using Grpc.Core;

namespace SeedSearch.Benchmarks;

/// <summary>
/// An open-loop load: operation <c>i</c> is due at <c>start + i / rate</c> whatever the earlier
/// ones are doing, and its latency is measured from that due time, not from when it was sent. A
/// stall therefore shows in every operation it delays (no coordinated omission), and a client
/// that falls behind its own schedule shows as send lag.
/// </summary>
internal sealed class OpenLoop
{
    // Finished operations need not be held until the end.
    private const int PruneEvery = 4096;

    private readonly Lock _gate = new();
    private readonly List<OpenLoopOutcome> _outcomes = [];

    /// <param name="rate">Operations per second; 0 sends nothing.</param>
    public OpenLoop(double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        Rate = rate;
    }

    public double Rate { get; }

    /// <summary>Every finished operation so far, in no particular order.</summary>
    public IReadOnlyList<OpenLoopOutcome> Outcomes
    {
        get
        {
            lock (_gate)
            {
                return [.. _outcomes];
            }
        }
    }

    /// <summary>
    /// Starts operations on schedule from <paramref name="start"/> (a <see cref="Stopwatch"/>
    /// timestamp) for <paramref name="duration"/>, then waits for the ones still in flight.
    /// <paramref name="send"/> gets the operation's number; the caller gives each call a deadline.
    /// </summary>
    public async Task RunAsync(long start, TimeSpan duration, Func<long, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        var end = duration.TotalSeconds * Stopwatch.Frequency;
        for (long i = 0; Rate > 0 && i * Stopwatch.Frequency / Rate < end; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / Rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            inFlight.Add(MeasureAsync(i, start, due, send, cancellationToken));
            if (inFlight.Count >= PruneEvery)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task MeasureAsync(long i, long start, long due, Func<long, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetElapsedTime(start, due).TotalSeconds;
        var lag = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        string? error = null;
        try
        {
            await send(i, cancellationToken);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex.StatusCode.ToString();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A failure outside gRPC (a broken connection, say) must not stop the load either.
            error = ex.GetType().Name;
        }

        var outcome = new OpenLoopOutcome(at, lag, Stopwatch.GetElapsedTime(due).TotalMilliseconds, error, i);
        lock (_gate)
        {
            _outcomes.Add(outcome);
        }
    }
}
