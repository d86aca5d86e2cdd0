using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Replication;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.ServiceDefaults.Security;
using SeedSearch.Text;

namespace SeedSearch.Search.Grpc;

/// <summary><c>search.v1.SearchService</c>: a thin mapping onto <see cref="ArticleSearcher"/>.</summary>
[Authorize(ApiKeyAuthentication.ReadPolicy)]
public sealed class SearchService(ArticleSearcher searcher, ArticleIndex index, ReplicationState replication)
    : Contracts.Search.V1.SearchService.SearchServiceBase
{
    /// <inheritdoc />
    public override Task<GetIndexStatusResponse> GetIndexStatus(GetIndexStatusRequest request, ServerCallContext context)
    {
        var response = new GetIndexStatusResponse();
        using (var lease = index.Acquire())
        {
            response.DocumentCount = lease.Reader.NumDocs;
            response.IndexVersion = lease.Version;
        }

        if (replication.Current is { } status)
        {
            response.Replication = status.ToProto();
        }

        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var result = searcher.Search(request.ToDomain());
        var response = new SearchResponse
        {
            TotalHits = result.TotalHits,
            NextPageToken = result.NextPageToken,
            SpellingSuggestion = result.SpellingSuggestion,
            Partial = result.Partial,
            TotalHitsRelation = result.TotalHitsExact ? TotalHitsRelation.EqualTo : TotalHitsRelation.GreaterThanOrEqualTo,
        };
        response.Hits.AddRange(result.Hits.Select(h => h.ToProto()));
        response.Facets.AddRange(result.Facets.Select(f => f.ToProto()));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<GetArticleResponse> GetArticle(GetArticleRequest request, ServerCallContext context)
    {
        var id = request.Id.Trim();
        if (ArticleIds.Problem(id) is { } problem)
        {
            throw new RequestValidationException("id", problem);
        }

        var article = index.Get(id) ?? throw new NotFoundException("article", id);
        return Task.FromResult(new GetArticleResponse { Article = article.ToProto() });
    }

    /// <inheritdoc />
    public override Task<SuggestResponse> Suggest(SuggestRequest request, ServerCallContext context)
    {
        var response = new SuggestResponse();
        response.Suggestions.AddRange(searcher.Suggest(request.Prefix, request.Limit)
            .Select(c => new Suggestion { Text = c.Text, DocumentCount = c.DocumentCount }));
        return Task.FromResult(response);
    }
}
