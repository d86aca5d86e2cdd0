using System.Diagnostics;
using System.Runtime.CompilerServices;
using Grpc.Core;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SeedSearch.ServiceDefaults;
using SeedSearch.ServiceDefaults.ArticleLog;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.Search.Grpc;

/// <summary>
/// <c>search.v1.IndexService</c>: streams articles into <see cref="BatchIndexer"/>. An index that
/// cannot be written answers UNAVAILABLE, which ingest retries later from its outbox.
/// </summary>
[Authorize(ApiKeyAuthentication.WritePolicy)]
public sealed class IndexService(BatchIndexer indexer, IOptions<ArticleLogOptions> log) : Contracts.Search.V1.IndexService.IndexServiceBase
{
    /// <inheritdoc />
    public override async Task<IndexArticlesResponse> IndexArticles(
        IAsyncStreamReader<IndexArticlesRequest> requestStream, ServerCallContext context)
    {
        RefuseOnReplica();
        var articles = new List<string>();
        var traced = new List<(int Index, ActivityContext Parent, DateTimeOffset Received)>();
        var (statuses, version) = await indexer.IndexAsync(ReadAll(requestStream, articles, traced, context.CancellationToken), context.CancellationToken);
        var response = new IndexArticlesResponse { IndexVersion = version };
        for (var i = 0; i < statuses.Count; i++)
        {
            response.Results.Add(new IndexResult { Id = articles[i], Status = statuses[i].ToProto() });
        }

        // One span per article, from its arrival to the commit that made it searchable, in the
        // trace of the ingest request that accepted it.
        foreach (var (index, parent, received) in traced)
        {
            using var span = Telemetry.Source.StartActivity("index article", ActivityKind.Internal, parent, startTime: received,
                tags: [new("article.id", articles[index]), new("article.status", statuses[index].ToString()), new("index.version", version)]);
        }

        return response;
    }

    /// <inheritdoc />
    public override async Task<DeleteArticleResponse> DeleteArticle(DeleteArticleRequest request, ServerCallContext context)
    {
        RefuseOnReplica();
        return new() { Found = await indexer.DeleteAsync(request.Id.Trim(), context.CancellationToken) };
    }

    // A write here would reach this replica only, and the others would never see it.
    private void RefuseOnReplica()
    {
        if (log.Value.Enabled)
        {
            throw new FailedPreconditionException(
                $"This search replica applies the article log '{log.Value.Stream}' and takes no direct writes; send articles to ingest.");
        }
    }

    private static async IAsyncEnumerable<IndexedArticle> ReadAll(IAsyncStreamReader<IndexArticlesRequest> stream, List<string> ids,
        List<(int, ActivityContext, DateTimeOffset)> traced, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tracing = Telemetry.Source.HasListeners();
        while (await stream.MoveNext(cancellationToken))
        {
            var article = (stream.Current.Article ?? new Article()).ToDomain();
            if (tracing && ActivityContext.TryParse(stream.Current.TraceParent, null, out var parent))
            {
                traced.Add((ids.Count, parent, DateTimeOffset.UtcNow));
            }

            ids.Add(article.Id);
            yield return article;
        }
    }
}
