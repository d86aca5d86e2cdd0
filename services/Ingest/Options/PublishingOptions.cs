using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Ingest.Options;

/// <summary>
/// Batching and resilience of forwarding to the search service. Section <c>Publishing</c>. The
/// time ranges are Polly's own, so a value it would refuse stops the service at start-up instead
/// of when the first batch is forwarded.
/// Only idempotent upserts are forwarded, so a retry replays the whole batch safely.
/// </summary>
public sealed class PublishingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Publishing";

    /// <summary>
    /// Articles forwarded in one <c>IndexArticles</c> stream, at most (the forwarder sends what is
    /// waiting, so a lone article goes alone); search commits once per stream. Default 4096: under
    /// bulk load, fewer commits mean fewer small segments to merge (256 cost search 60% more CPU an article).
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 4096;

    /// <summary>Retries after the first attempt; 0 disables retrying. Default 4.</summary>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubles each retry, with jitter. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on one retry delay. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one attempt (one batch stream and its commit), 10 ms to 1 day. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure ratio in the sampling window that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the window before the breaker may open. Default 8.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 8;

    /// <summary>Breaker sampling window, 0.5 s to 1 day. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call, 0.5 s to 1 day. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
