namespace SeedSearch.Benchmarks;

/// <summary>One operation of an <see cref="OpenLoop"/>.</summary>
/// <param name="At">When it was due, in seconds since the loop's start.</param>
/// <param name="LagMs">How late this process sent it, in ms.</param>
/// <param name="LatencyMs">From its due time to its answer, in ms.</param>
/// <param name="Error">The gRPC status code (or exception type) it failed with; null if it succeeded.</param>
/// <param name="Number">Its number in the loop (0 first), which tells what it sent.</param>
internal sealed record OpenLoopOutcome(double At, double LagMs, double LatencyMs, string? Error, long Number = 0);
