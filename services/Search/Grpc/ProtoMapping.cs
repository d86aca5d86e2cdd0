using Google.Protobuf.WellKnownTypes;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Replication;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults.Errors;

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
        Time(article.PublishedAt, "article.published_at"),
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
        Time(request.PublishedAfter, "published_after"),
        Time(request.PublishedBefore, "published_before"),
        request.Sources,
        request.Tags,
        request.Sort switch
        {
            Sort.Newest => IndexSort.Newest,
            Sort.Oldest => IndexSort.Oldest,
            _ => IndexSort.Relevance,
        },
        request.IncludeCopies);

    public static SearchQuery ToDomain(this WatchRequest request) => new(
        request.Query,
        0,
        string.Empty,
        request.Syntax == Contracts.Search.V1.Syntax.Lucene ? QuerySyntax.Lucene : QuerySyntax.Simple,
        Time(request.PublishedAfter, "published_after"),
        Time(request.PublishedBefore, "published_before"),
        request.Sources,
        request.Tags);

    public static WatchResponse ToProto(this WatchEvent watchEvent) => watchEvent.Article is { } article
        ? new WatchResponse
        {
            Hit = new WatchHit
            {
                Id = article.Id,
                Title = article.Title,
                Snippet = watchEvent.Snippet,
                Source = article.Source,
                PublishedAt = article.PublishedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                Url = article.Url,
            },
        }
        : new WatchResponse { Gap = new WatchGap { MissedCount = watchEvent.Missed } };

    // Timestamp.ToDateTimeOffset throws on seconds or nanos out of range, which a binary gRPC
    // client can send; that is a bad field, not a server error.
    private static DateTimeOffset? Time(Timestamp? time, string field) => time switch
    {
        null => null,
        { Seconds: >= MinSeconds and <= MaxSeconds, Nanos: >= 0 and < 1_000_000_000 } => time.ToDateTimeOffset(),
        _ => throw new RequestValidationException(field, "must be a timestamp between 0001-01-01 and 9999-12-31 with nanos in [0, 999999999]"),
    };

    private const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

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
        Copies =
        {
            hit.Copies.Select(c => new Contracts.Search.V1.ArticleCopy
            {
                Id = c.Id,
                Source = c.Source,
                Url = c.Url,
                PublishedAt = c.PublishedAt is { } published ? Timestamp.FromDateTimeOffset(published) : null,
            }),
        },
        CopyCount = hit.CopyCount,
    };

    public static IndexStatus ToProto(this UpsertStatus status) => status switch
    {
        UpsertStatus.Created => IndexStatus.Created,
        UpsertStatus.Updated => IndexStatus.Updated,
        UpsertStatus.Unchanged => IndexStatus.Unchanged,
        _ => IndexStatus.Unspecified,
    };

    public static ReplicationStatus ToProto(this ReplicaStatus status) => new()
    {
        Stream = status.Stream,
        Connected = status.Connected,
        AppliedOffset = status.AppliedOffset,
        StreamLength = status.StreamLength,
        Lag = status.Lag,
        ResumedFromOffset = status.ResumedFromOffset,
        RecordsApplied = status.RecordsApplied,
        RecordsRejected = status.RecordsRejected,
        LastError = status.LastError,
        LastAppliedAt = status.LastAppliedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };
}
