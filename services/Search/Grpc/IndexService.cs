using System.Runtime.CompilerServices;
using Grpc.Core;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Grpc;

/// <summary><c>search.v1.IndexService</c>: streams articles into <see cref="BatchIndexer"/>.</summary>
public sealed class IndexService(BatchIndexer indexer) : Contracts.Search.V1.IndexService.IndexServiceBase
{
    /// <inheritdoc />
    public override async Task<IndexArticlesResponse> IndexArticles(
        IAsyncStreamReader<IndexArticlesRequest> requestStream, ServerCallContext context)
    {
        var articles = new List<string>();
        var (statuses, version) = await indexer.IndexAsync(ReadAll(requestStream, articles, context.CancellationToken), context.CancellationToken);
        var response = new IndexArticlesResponse { IndexVersion = version };
        for (var i = 0; i < statuses.Count; i++)
        {
            response.Results.Add(new IndexResult { Id = articles[i], Status = statuses[i].ToProto() });
        }

        return response;
    }

    /// <inheritdoc />
    public override async Task<DeleteArticleResponse> DeleteArticle(DeleteArticleRequest request, ServerCallContext context) =>
        new() { Found = await indexer.DeleteAsync(request.Id.Trim(), context.CancellationToken) };

    private static async IAsyncEnumerable<IndexedArticle> ReadAll(
        IAsyncStreamReader<IndexArticlesRequest> stream, List<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            var article = (stream.Current.Article ?? new Article()).ToDomain();
            ids.Add(article.Id);
            yield return article;
        }
    }
}
