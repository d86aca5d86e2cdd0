namespace SeedSearch.Importer;

/// <summary>
/// Progress for logs and CI, where stdout is not a terminal: a plain line every
/// <paramref name="interval"/> instead of a redrawn bar.
/// </summary>
public sealed class PlainProgress(TextWriter writer, TimeSpan interval) : IImportProgress
{
    private TimeSpan _next;

    /// <inheritdoc />
    public void Report(long articles, long bytes, TimeSpan elapsed)
    {
        // The first line waits a full interval: short imports need only the summary.
        if (elapsed < _next || elapsed < interval)
        {
            return;
        }

        _next = elapsed + interval;
        writer.WriteLine(ProgressText.Format(articles, bytes, elapsed));
    }
}
