using Lucene.Net.Index;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Lucene's concurrent merge scheduler, reporting the merge failures it would only rethrow. A
/// merge runs on a thread of its own, and the exception Lucene.NET rethrows there reaches
/// nobody: no log, no unhandled-exception event, so a merge that keeps failing (a full disk)
/// went unseen. The writer has already removed the merge's partial files and kept the segments
/// it was merging, so the index is whole and a later flush tries the merge again.
/// </summary>
internal sealed class ReportingMergeScheduler(Action<Exception> failed) : ConcurrentMergeScheduler
{
    /// <inheritdoc />
    protected override void HandleMergeException(Exception exc)
    {
        failed(exc);
        // As Lucene does before its rethrow: a failure that is not transient would otherwise
        // retry as fast as flushes come.
        Thread.Sleep(250);
    }
}
