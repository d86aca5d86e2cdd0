using System.Runtime.CompilerServices;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Ingest.Ingestion;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.Grpc;

/// <summary><c>ingest.v1.IngestService</c>: maps requests onto <see cref="ArticleIngestor"/>.</summary>
public sealed class IngestService(ArticleIngestor ingestor) : Contracts.Ingest.V1.IngestService.IngestServiceBase
{
    /// <inheritdoc />
    public override async Task<IngestArticleResponse> IngestArticle(IngestArticleRequest request, ServerCallContext context)
    {
        try
        {
            var outcome = await ingestor.IngestAsync(ToInput(request.Article), context.CancellationToken);
            return new IngestArticleResponse { Id = outcome.Id, Status = ToProto(outcome.Status) };
        }
        catch (SearchUnavailableException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, ex.Message));
        }
    }

    /// <inheritdoc />
    public override async Task<IngestArticlesResponse> IngestArticles(IAsyncStreamReader<IngestArticlesRequest> requestStream, ServerCallContext context)
    {
        BulkIngestSummary summary;
        try
        {
            summary = await ingestor.IngestManyAsync(ReadAll(requestStream, context.CancellationToken), context.CancellationToken);
        }
        catch (SearchUnavailableException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, ex.Message));
        }

        var response = new IngestArticlesResponse
        {
            ReceivedCount = summary.Received,
            AcceptedCount = summary.Accepted,
            CreatedCount = summary.Created,
            UpdatedCount = summary.Updated,
            UnchangedCount = summary.Unchanged,
            RejectedCount = summary.RejectedCount,
        };
        foreach (var rejection in summary.Rejections)
        {
            var item = new RejectedArticle { Index = rejection.Index, Id = rejection.Id, Reason = rejection.Reason };
            item.FieldViolations.AddRange(rejection.Errors.Select(e => new FieldViolation { Field = e.Field, Description = e.Description }));
            response.Rejected.Add(item);
        }

        return response;
    }

    private static async IAsyncEnumerable<RawArticleInput> ReadAll(
        IAsyncStreamReader<IngestArticlesRequest> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            yield return ToInput(stream.Current.Article);
        }
    }

    private static RawArticleInput ToInput(RawArticle? article)
    {
        article ??= new RawArticle();
        return new RawArticleInput(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt, article.Tags.ToList(), article.ContentType);
    }

    private static IngestStatus ToProto(PublishStatus status) => status switch
    {
        PublishStatus.Created => IngestStatus.Created,
        PublishStatus.Updated => IngestStatus.Updated,
        _ => IngestStatus.Unchanged,
    };
}
