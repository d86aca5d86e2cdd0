namespace SeedSearch.Search.Indexing;

/// <summary>The index's log messages, shared by the classes that make up the index.</summary>
internal static partial class IndexLog
{
    [LoggerMessage(1, LogLevel.Information, "Opened index at {Path} with {DocumentCount} documents")]
    public static partial void Opened(ILogger logger, string path, int documentCount);

    [LoggerMessage(2, LogLevel.Information, "Closed index at {Path}")]
    public static partial void Closed(ILogger logger, string path);

    [LoggerMessage(3, LogLevel.Warning, "A search ran out of its {BudgetMs} ms time budget; partial results returned")]
    public static partial void SearchTimeBudgetExceeded(ILogger logger, double budgetMs);

    [LoggerMessage(4, LogLevel.Error, "Index at {Path} cannot be written; rolled back to the last commit, writes refused until it can")]
    public static partial void WritesRefused(ILogger logger, Exception exception, string path);

    [LoggerMessage(5, LogLevel.Warning, "Rolling back the index at {Path} after a write failure failed too")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(6, LogLevel.Warning, "Index at {Path} still cannot be written: {Reason}")]
    public static partial void ReopenFailed(ILogger logger, string path, string reason);

    [LoggerMessage(7, LogLevel.Information, "Index at {Path} takes writes again; {DocumentCount} documents in the last commit")]
    public static partial void WritesResumed(ILogger logger, string path, int documentCount);

    [LoggerMessage(8, LogLevel.Error, "A background merge in the index at {Path} failed; its segments are kept and the merge is retried later")]
    public static partial void MergeFailed(ILogger logger, Exception exception, string path);
}
