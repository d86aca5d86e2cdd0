using Spectre.Console;

namespace SeedSearch.Importer;

/// <summary>Progress on a Spectre.Console task; the description is refreshed at most ten times a second.</summary>
public sealed class SpectreProgress(ProgressTask task) : IImportProgress
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);
    private TimeSpan _next;

    /// <inheritdoc />
    public void Report(long articles, long bytes, TimeSpan elapsed)
    {
        if (elapsed < _next)
        {
            return;
        }

        _next = elapsed + Refresh;
        task.Description = Markup.Escape(ProgressText.Format(articles, bytes, elapsed));
    }
}
