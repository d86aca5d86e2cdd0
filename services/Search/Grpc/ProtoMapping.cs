using Google.Protobuf.WellKnownTypes;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.Grpc;

/// <summary>Maps between proto messages and domain records.</summary>
internal static class ProtoMapping
{
    public static IndexedArticle ToDomain(this Article article) => new(
        article.Id.Trim(),
        article.Title,
        article.Body,
        article.Url,
        article.Source,
        article.PublishedAt?.ToDateTimeOffset(),
        article.Tags.ToList(),
        article.ContentHash);

    public static Article ToProto(this IndexedArticle article) =>
        Article.Create(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt, article.Tags, article.ContentHash);

    public static SearchQuery ToDomain(this SearchRequest request) => new(
        request.Query,
        request.PageSize,
        request.PageToken,
        request.Syntax == Contracts.Search.V1.Syntax.Lucene ? QuerySyntax.Lucene : QuerySyntax.Simple,
        request.PublishedAfter?.ToDateTimeOffset(),
        request.PublishedBefore?.ToDateTimeOffset(),
        request.Sources,
        request.Tags,
        request.Sort switch
        {
            Sort.Newest => IndexSort.Newest,
            Sort.Oldest => IndexSort.Oldest,
            _ => IndexSort.Relevance,
        });

    public static Facet ToProto(this FacetCounts facet)
    {
        var proto = new Facet { Field = facet.Field };
        proto.Values.AddRange(facet.Values.Select(v => new FacetValue { Value = v.Key, Count = v.Value }));
        return proto;
    }

    public static SearchHit ToProto(this SearchHitResult hit) => new()
    {
        Id = hit.Article.Id,
        Title = hit.Article.Title,
        TitleHighlighted = hit.TitleHighlighted,
        Snippet = hit.Snippet,
        Score = hit.Score,
        Url = hit.Article.Url,
        Source = hit.Article.Source,
        PublishedAt = hit.Article.PublishedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static IndexStatus ToProto(this UpsertStatus status) => status switch
    {
        UpsertStatus.Created => IndexStatus.Created,
        UpsertStatus.Updated => IndexStatus.Updated,
        UpsertStatus.Unchanged => IndexStatus.Unchanged,
        _ => IndexStatus.Unspecified,
    };
}
