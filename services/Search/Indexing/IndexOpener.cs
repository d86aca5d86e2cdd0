
namespace SeedSearch.Search.Indexing;

/// <summary>Opens the index at start-up, so a broken index directory fails the start, not the first request.</summary>
public sealed class IndexOpener(ArticleIndex index, IndexMetrics metrics) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = index.DocumentCount;
        // Resolved here, so the index's metrics exist from start-up on.
        _ = metrics;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
