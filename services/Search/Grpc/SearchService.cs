using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Replication;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.ServiceDefaults.Security;
using SeedSearch.Text;

namespace SeedSearch.Search.Grpc;

/// <summary><c>search.v1.SearchService</c>: a thin mapping onto <see cref="ArticleSearcher"/> and <see cref="RelatedArticles"/>.</summary>
[Authorize(ApiKeyAuthentication.ReadPolicy)]
public sealed class SearchService(ArticleSearcher searcher, RelatedArticles related, ArticleIndex index, ReplicationState replication,
    WatchHub watch, IOptions<WatchOptions> watchOptions, TimeProvider time)
    : Contracts.Search.V1.SearchService.SearchServiceBase
{
    /// <inheritdoc />
    public override async Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context)
    {
        var standing = searcher.Compile(request.ToDomain());
        using var subscription = watch.Open(ClientOf(context), standing);
        var cancellation = context.CancellationToken;
        // The first heartbeat says the query is open: what is indexed from now on is matched.
        await responseStream.WriteAsync(Heartbeat(), cancellation);
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            idle.CancelAfter(watchOptions.Value.HeartbeatInterval);
            try
            {
                if (!await subscription.Events.WaitToReadAsync(idle.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await responseStream.WriteAsync(Heartbeat(), cancellation);
                continue;
            }

            while (subscription.Events.TryRead(out var watchEvent))
            {
                await responseStream.WriteAsync(watchEvent.ToProto(), cancellation);
            }
        }
    }

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
    public override Task<RelatedResponse> Related(RelatedRequest request, ServerCallContext context)
    {
        var result = related.Find(new RelatedQuery(request.Id, request.PageSize, request.PageToken));
        var response = new RelatedResponse { NextPageToken = result.NextPageToken };
        response.Hits.AddRange(result.Hits.Select(h => h.ToProto()));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<SuggestResponse> Suggest(SuggestRequest request, ServerCallContext context)
    {
        var response = new SuggestResponse();
        response.Suggestions.AddRange(searcher.Suggest(request.Prefix, request.Limit)
            .Select(c => new Suggestion { Text = c.Text, DocumentCount = c.DocumentCount }));
        return Task.FromResult(response);
    }

    private WatchResponse Heartbeat() => new() { Heartbeat = new WatchHeartbeat { Time = Timestamp.FromDateTimeOffset(time.GetUtcNow()) } };

    // Limits are per API key, or per address for anonymous readers.
    private static string ClientOf(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? $"key:{name}"
            : $"address:{http.Connection.RemoteIpAddress}";
    }
}
