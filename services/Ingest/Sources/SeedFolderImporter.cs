using Microsoft.Extensions.Options;
using SeedSearch.ArticleFiles;
using SeedSearch.Ingest.Ingestion;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Sources;

/// <summary>
/// Ingests every file of the configured seed folder at start-up, retrying until the search
/// service answers. Idempotent: ids are derived from content or URL, so a restart reports the
/// seeds as unchanged.
/// </summary>
public sealed partial class SeedFolderImporter(
    ArticleIngestor ingestor,
    IOptions<SeedOptions> options,
    IHostEnvironment environment,
    ILogger<SeedFolderImporter> logger) : BackgroundService
{
    /// <summary>Set once the import has finished (successfully or not); for health and tests.</summary>
    public TaskCompletionSource<BulkIngestSummary?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configured = options.Value.Path;
        if (string.IsNullOrWhiteSpace(configured))
        {
            Completion.TrySetResult(null);
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(folder);
            Completion.TrySetResult(null);
            return;
        }

        try
        {
            // Accepted into the outbox at once; then wait (bounded) until search has them, so
            // the system answers seed queries as soon as start-up reports the import.
            var summary = await ingestor.IngestManyAsync(ReadFolder(folder), () => false, stoppingToken);
            LogImported(folder, summary.Received, summary.Created, summary.Updated, summary.Unchanged, summary.RejectedCount);
            foreach (var rejection in summary.Rejections)
            {
                LogRejected(rejection.Index, rejection.Reason);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(options.Value.WaitForSearch);
            while (true)
            {
                try
                {
                    await ingestor.WaitUntilIndexedAsync(wait.Token);
                    break;
                }
                catch (IndexingPendingException ex) when (!wait.IsCancellationRequested)
                {
                    LogWaiting(ex.Message);
                }
            }

            Completion.TrySetResult(summary);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogGaveUp(folder, options.Value.WaitForSearch);
            Completion.TrySetResult(null);
        }
        catch (OperationCanceledException)
        {
            Completion.TrySetCanceled(stoppingToken);
        }
        catch (IndexingPendingException)
        {
            LogGaveUp(folder, options.Value.WaitForSearch);
            Completion.TrySetResult(null);
        }
    }

    private async IAsyncEnumerable<RawArticleInput> ReadFolder(string folder)
    {
        await foreach (var item in ArticleFileReader.ReadAllAsync([folder]))
        {
            if (item.Article is { } a)
            {
                yield return new RawArticleInput(a.Id, a.Title, a.Body, a.Url, a.Source, a.PublishedAt, a.Tags, a.ContentType);
            }
            else
            {
                LogUnreadable(item.Location.ToString(), item.Problem ?? string.Empty);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Seed folder {Folder} does not exist; nothing imported")]
    private partial void LogMissingFolder(string folder);

    [LoggerMessage(2, LogLevel.Information, "Imported seed folder {Folder}: {Received} read, {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected")]
    private partial void LogImported(string folder, int received, int created, int updated, int unchanged, int rejected);

    [LoggerMessage(3, LogLevel.Warning, "Seed article #{Index} rejected: {Reason}")]
    private partial void LogRejected(int index, string reason);

    [LoggerMessage(4, LogLevel.Information, "Seed articles are stored and wait for search: {Reason}")]
    private partial void LogWaiting(string reason);

    [LoggerMessage(5, LogLevel.Warning, "Seed folder {Folder} is stored in the outbox but search did not index it within {Wait}; it will be forwarded when search is back")]
    private partial void LogGaveUp(string folder, TimeSpan wait);

    [LoggerMessage(6, LogLevel.Warning, "Seed {Location} skipped: {Problem}")]
    private partial void LogUnreadable(string location, string problem);
}
