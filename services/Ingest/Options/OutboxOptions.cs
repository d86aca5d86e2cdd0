using System.ComponentModel.DataAnnotations;

namespace SeedSearch.Ingest.Options;

/// <summary>
/// The durable outbox between accepting an article and indexing it. Section <c>Outbox</c>.
/// An article is acknowledged to the client once it is committed (fsynced) here.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outbox";

    /// <summary>
    /// SQLite database file, absolute or relative to the content root. Default
    /// <c>data/outbox/ingest.db</c>.
    /// </summary>
    [Required]
    public string Path { get; set; } = "data/outbox/ingest.db";

    /// <summary>
    /// Most operations waiting to be forwarded; beyond it ingest answers RESOURCE_EXHAUSTED
    /// until search has caught up. Default 1,000,000.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxDepth { get; set; } = 1_000_000;

    /// <summary>
    /// Longest a <c>wait_for_indexed</c> request waits for search (the client's deadline may be
    /// shorter). Default 30 s.
    /// </summary>
    public TimeSpan MaxIndexWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest pause between two forwarding attempts while search is failing (the pause doubles
    /// from <c>Publishing:RetryBaseDelay</c> up to this). Default 10 s.
    /// </summary>
    public TimeSpan MaxRetryPause { get; set; } = TimeSpan.FromSeconds(10);
}
