using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.Ingest.Publishing;

/// <summary>
/// Forwards batches of articles and deletes to <c>search.v1.IndexService</c> through the
/// resilience pipeline. Search answers only after its durable commit, so a successful call
/// means the batch is safe; every retry replays a batch whole, which upserts by id make harmless.
/// </summary>
public sealed class SearchIndexPublisher(IndexService.IndexServiceClient client, ResiliencePipeline pipeline)
{
    /// <summary>Indexes the articles of <paramref name="requests"/> and returns one status per article, in order.</summary>
    public async Task<IReadOnlyList<PublishStatus>> PublishAsync(IReadOnlyList<IndexArticlesRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var batch = requests;
        try
        {
            var response = await pipeline.ExecuteAsync(async token =>
            {
                using var call = client.IndexArticles(cancellationToken: token);
                try
                {
                    foreach (var request in requests)
                    {
                        await call.RequestStream.WriteAsync(request, token);
                    }

                    await call.RequestStream.CompleteAsync();
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    // A write to a call that already failed (search unreachable) only says
                    // "cancelled"; the call's own status says why, and decides whether to retry.
                    await call;
                    throw;
                }

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
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new ForwardingUnavailableException($"The search service did not accept the batch: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes <paramref name="id"/>; returns whether search had it.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await pipeline.ExecuteAsync(
                async token => await client.DeleteArticleAsync(new DeleteArticleRequest { Id = id }, cancellationToken: token), cancellationToken);
            return response.Found;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new ForwardingUnavailableException($"The search service did not accept the delete: {ex.Message}", ex);
        }
    }

    // A refused key is ingest's configuration, not the data's fault: the entries wait in the outbox
    // (and the health check says why) until the key is fixed, instead of going to dead letters.
    private static bool IsUnavailable(Exception ex) =>
        ex is BrokenCircuitException or TimeoutRejectedException or HttpRequestException or IOException
        || ex is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied }
        || ex is RpcException { StatusCode: not StatusCode.Cancelled } rpc && ForwardingPipelineFactory.TransientCodes.Contains(rpc.StatusCode);
}
