using Grpc.Core;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Outbox;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Forwards to <c>search.v1.IndexService</c> (the single-node default). Search answers only after
/// its durable commit. An article search refuses as invalid goes to the dead letters instead of
/// blocking everything behind it.
/// </summary>
public sealed partial class SearchServiceTarget(SearchIndexPublisher publisher, ArticleOutbox outbox, ILogger<SearchServiceTarget> logger)
    : IForwardingTarget
{
    /// <inheritdoc />
    public string Name => "search service";

    /// <inheritdoc />
    public async Task ForwardAsync(IReadOnlyList<OutboxEntry> latest, CancellationToken cancellationToken)
    {
        var upserts = latest.Where(e => e.Operation == OutboxOperation.Upsert).ToList();
        try
        {
            await publisher.PublishAsync(upserts.Select(ToRequest).ToList(), cancellationToken);
        }
        catch (RpcException ex) when (upserts.Count > 0 && IsRefusal(ex))
        {
            // Search refused the batch for good (not a transient code): find the culprits one by one.
            LogBatchRefused(ex.Status.Detail, upserts.Count);
            foreach (var entry in upserts)
            {
                try
                {
                    await publisher.PublishAsync([ToRequest(entry)], cancellationToken);
                }
                catch (RpcException single) when (IsRefusal(single))
                {
                    LogDeadLetter(entry.Id, single.StatusCode, single.Status.Detail);
                    outbox.DeadLetter(entry, $"{single.StatusCode}: {single.Status.Detail}");
                }
            }
        }

        foreach (var entry in latest.Where(e => e.Operation == OutboxOperation.Delete))
        {
            try
            {
                await publisher.DeleteAsync(entry.Id, cancellationToken);
            }
            catch (RpcException ex) when (IsRefusal(ex))
            {
                LogDeadLetter(entry.Id, ex.StatusCode, ex.Status.Detail);
                outbox.DeadLetter(entry, $"{ex.StatusCode}: {ex.Status.Detail}");
            }
        }
    }

    // The accepting request's trace context travels with the article, so search's span joins its trace.
    private static IndexArticlesRequest ToRequest(OutboxEntry entry) =>
        new() { Article = Article.Parser.ParseFrom(entry.Payload), TraceParent = entry.TraceParent ?? string.Empty };

    // Transient codes arrive as ForwardingUnavailableException; what is left is a verdict on the data.
    private static bool IsRefusal(RpcException ex) => ex.StatusCode != StatusCode.Cancelled;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search refused a batch of {Count} articles ({Detail}); forwarding them one by one")]
    private partial void LogBatchRefused(string detail, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search refused article {Id} with {Code}: {Detail}; moved to the dead letters")]
    private partial void LogDeadLetter(string id, StatusCode code, string detail);
}
