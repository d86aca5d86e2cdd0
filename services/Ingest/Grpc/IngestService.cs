using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Ingest.Ingestion;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Outbox;
using SeedSearch.Ingest.Publishing;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.Ingest.Grpc;

/// <summary>
/// <c>ingest.v1.IngestService</c>: maps requests onto <see cref="ArticleIngestor"/> and its
/// answers back; its errors become status codes in the shared <c>ServiceExceptionInterceptor</c>.
/// </summary>
public sealed class IngestService(ArticleIngestor ingestor, ArticleOutbox outbox, OutboxForwarder forwarder)
    : Contracts.Ingest.V1.IngestService.IngestServiceBase
{
    /// <inheritdoc />
    [Authorize(ApiKeyAuthentication.WritePolicy)]
    public override async Task<IngestArticleResponse> IngestArticle(IngestArticleRequest request, ServerCallContext context)
    {
        var outcome = await ingestor.IngestAsync(ToInput(request.Article), request.WaitForIndexed, context.CancellationToken);
        return new IngestArticleResponse { Id = outcome.Id, Status = ToProto(outcome.Status), Warnings = { outcome.Warnings } };
    }

    /// <inheritdoc />
    [Authorize(ApiKeyAuthentication.WritePolicy)]
    public override async Task<IngestArticlesResponse> IngestArticles(IAsyncStreamReader<IngestArticlesRequest> requestStream, ServerCallContext context)
    {
        var wait = false;
        var summary = await ingestor.IngestManyAsync(ReadAll(requestStream, () => wait = true, context.CancellationToken), () => wait,
            context.CancellationToken);
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

    /// <inheritdoc />
    [Authorize(ApiKeyAuthentication.WritePolicy)]
    public override async Task<DeleteArticleResponse> DeleteArticle(DeleteArticleRequest request, ServerCallContext context) =>
        new() { Found = await ingestor.DeleteAsync(request.Id, request.WaitForIndexed, context.CancellationToken) };

    /// <inheritdoc />
    [Authorize(ApiKeyAuthentication.ReadPolicy)]
    public override Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var state = forwarder.State;
        return Task.FromResult(new GetStatusResponse
        {
            OutboxDepth = outbox.Depth,
            OutboxCapacity = outbox.MaxDepth,
            OldestPendingTime = ToTimestamp(outbox.OldestPending),
            LastError = state.LastError,
            LastErrorTime = ToTimestamp(state.LastErrorAt),
            LastForwardTime = ToTimestamp(state.LastSuccessAt),
            ForwardedCount = state.Forwarded,
            DeadLetterCount = outbox.DeadLetters,
            Circuit = state.Circuit switch
            {
                ForwardingCircuit.Open => CircuitState.Open,
                ForwardingCircuit.HalfOpen => CircuitState.HalfOpen,
                ForwardingCircuit.Isolated => CircuitState.Isolated,
                _ => CircuitState.Closed,
            },
            InFlightCount = state.InFlight,
            PeakInFlightCount = state.PeakInFlight,
        });
    }

    private static async IAsyncEnumerable<RawArticleInput> ReadAll(
        IAsyncStreamReader<IngestArticlesRequest> stream, Action waitRequested, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            if (stream.Current.WaitForIndexed)
            {
                waitRequested();
            }

            yield return ToInput(stream.Current.Article);
        }
    }

    private static RawArticleInput ToInput(RawArticle? article)
    {
        article ??= new RawArticle();
        return new RawArticleInput(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt, article.Tags.ToList(), article.ContentType);
    }

    private static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static IngestStatus ToProto(PublishStatus status) => status switch
    {
        PublishStatus.Created => IngestStatus.Created,
        PublishStatus.Updated => IngestStatus.Updated,
        _ => IngestStatus.Unchanged,
    };
}
