namespace SeedSearch.Ingest.Options;

/// <summary>Start-up import of a seed folder. Section <c>Seeds</c>.</summary>
public sealed class SeedOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Seeds";

    /// <summary>
    /// Folder whose files (<c>.txt</c>, <c>.md</c>, <c>.html</c>, <c>.htm</c>, <c>.json</c>, <c>.ndjson</c>,
    /// <c>.jsonl</c>, each optionally gzipped as <c>.gz</c>) are ingested at start-up; malformed items are logged and skipped. Empty disables the import. A relative path is
    /// resolved against the content root. Re-importing is idempotent (UNCHANGED).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How long the import waits for the seeds to become searchable (they stay in the outbox after it). Default 5 minutes.</summary>
    public TimeSpan WaitForSearch { get; set; } = TimeSpan.FromMinutes(5);
}
