namespace SeedSearch.Search.Indexing;

/// <summary>Opens the index at start-up, so a broken index directory fails the start, not the first request.</summary>
public sealed class IndexOpener(ArticleIndex index) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = index.DocumentCount;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
