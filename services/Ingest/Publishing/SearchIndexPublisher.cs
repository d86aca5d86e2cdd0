using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Forwards batches of normalised articles to <c>search.v1.IndexService</c> through the
/// resilience pipeline. A batch is kept in memory until search acknowledges its durable
/// commit, so every retry replays it whole; upserts by id make the replay harmless.
/// </summary>
public sealed class SearchIndexPublisher(IndexService.IndexServiceClient client, ResiliencePipeline pipeline)
{
    /// <summary>Indexes <paramref name="batch"/> and returns one status per article, in order.</summary>
    public async Task<IReadOnlyList<PublishStatus>> PublishAsync(IReadOnlyList<NormalizedArticle> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var requests = batch.Select(a => new IndexArticlesRequest { Article = ToProto(a) }).ToList();
        try
        {
            var response = await pipeline.ExecuteAsync(async token =>
            {
                using var call = client.IndexArticles(cancellationToken: token);
                foreach (var request in requests)
                {
                    await call.RequestStream.WriteAsync(request, token);
                }

                await call.RequestStream.CompleteAsync();
                return await call;
            }, cancellationToken);

            if (response.Results.Count != batch.Count)
            {
                throw new RpcException(new Status(StatusCode.Internal,
                    $"search acknowledged {response.Results.Count} of {batch.Count} articles"));
            }

            return response.Results.Select(r => r.Status switch
            {
                IndexStatus.Updated => PublishStatus.Updated,
                IndexStatus.Unchanged => PublishStatus.Unchanged,
                _ => PublishStatus.Created,
            }).ToList();
        }
        catch (Exception ex) when (ex is BrokenCircuitException or TimeoutRejectedException or HttpRequestException
            || ex is RpcException { StatusCode: not StatusCode.Cancelled } rpc && ForwardingPipelineFactory.TransientCodes.Contains(rpc.StatusCode))
        {
            throw new SearchUnavailableException($"The search service did not accept the batch: {ex.Message}", ex);
        }
    }

    private static Article ToProto(NormalizedArticle article) =>
        Article.Create(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt, article.Tags, article.ContentHash);
}
