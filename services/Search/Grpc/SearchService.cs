using Grpc.Core;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.Grpc;

/// <summary><c>search.v1.SearchService</c>: a thin mapping onto <see cref="ArticleSearcher"/>.</summary>
public sealed class SearchService(ArticleSearcher searcher, ArticleIndex index)
    : Contracts.Search.V1.SearchService.SearchServiceBase
{
    /// <inheritdoc />
    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var result = searcher.Search(new SearchQuery(request.Query, request.PageSize, request.PageToken));
        var response = new SearchResponse { TotalHits = result.TotalHits, NextPageToken = result.NextPageToken };
        response.Hits.AddRange(result.Hits.Select(h => h.ToProto()));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<GetArticleResponse> GetArticle(GetArticleRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            throw new RequestValidationException("id", "must not be empty");
        }

        var article = index.Get(request.Id.Trim()) ?? throw RpcErrors.NotFound("article", request.Id);
        return Task.FromResult(new GetArticleResponse { Article = article.ToProto() });
    }
}
