namespace SeedSearch.Importer;

/// <summary>How an import runs; the command line fills it, tests build it directly.</summary>
public sealed record ImportSettings
{
    /// <summary>Articles per <c>IngestArticles</c> call. A failed call loses and retries at most this many. Default 10,000.</summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>Source given to articles that have none; empty leaves it unset.</summary>
    public string DefaultSource { get; init; } = string.Empty;

    /// <summary>Content type forced on every article; empty keeps each file's own.</summary>
    public string ContentTypeOverride { get; init; } = string.Empty;

    /// <summary>Rejected and malformed items kept for the summary (all are counted). Default 20.</summary>
    public int MaxProblemsShown { get; init; } = 20;

    /// <summary>Retries of a chunk after a transient failure (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED). Default 4.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay, doubled each time with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deadline of one <c>IngestArticles</c> call, from its first article to the response. Default 10 minutes.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
