using Microsoft.Extensions.Options;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Publishing;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.Ingestion;

/// <summary>
/// The ingest use case, independent of transport: normalise, then forward to search in
/// bounded batches. Used by the gRPC service and the seed-folder import alike.
/// </summary>
public sealed class ArticleIngestor(ArticleNormalizer normalizer, SearchIndexPublisher publisher, IOptions<PublishingOptions> options)
{
    /// <summary>Most rejections described in a bulk summary; the count covers them all.</summary>
    public const int MaxReportedRejections = 1000;

    /// <summary>Normalises and indexes one article; throws <see cref="RequestValidationException"/> when invalid.</summary>
    public async Task<IngestOutcome> IngestAsync(RawArticleInput raw, CancellationToken cancellationToken)
    {
        var article = normalizer.Normalize(raw);
        var statuses = await publisher.PublishAsync([article], cancellationToken);
        return new IngestOutcome(article.Id, statuses[0]);
    }

    /// <summary>
    /// Ingests a stream of articles with bounded memory: invalid items are reported and skipped,
    /// valid ones are forwarded in batches. Throws <see cref="SearchUnavailableException"/> if a
    /// batch cannot be forwarded; batches before it stay indexed and a re-send is idempotent.
    /// </summary>
    public async Task<BulkIngestSummary> IngestManyAsync(IAsyncEnumerable<RawArticleInput> raws, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var batch = new List<NormalizedArticle>(batchSize);
        var rejections = new List<BulkRejection>();
        int received = 0, created = 0, updated = 0, unchanged = 0, rejected = 0;

        async Task FlushAsync()
        {
            IReadOnlyList<PublishStatus> statuses;
            try
            {
                statuses = await publisher.PublishAsync(batch, cancellationToken);
            }
            catch (SearchUnavailableException ex)
            {
                throw new SearchUnavailableException(
                    $"{ex.Message} ({created + updated + unchanged} of {received} articles were indexed before the failure; re-sending is safe)",
                    ex.InnerException ?? ex);
            }

            foreach (var status in statuses)
            {
                switch (status)
                {
                    case PublishStatus.Created: created++; break;
                    case PublishStatus.Updated: updated++; break;
                    default: unchanged++; break;
                }
            }

            batch.Clear();
        }

        await foreach (var raw in raws.WithCancellation(cancellationToken))
        {
            var index = received++;
            try
            {
                batch.Add(normalizer.Normalize(raw));
            }
            catch (RequestValidationException ex)
            {
                rejected++;
                if (rejections.Count < MaxReportedRejections)
                {
                    rejections.Add(new BulkRejection(index, raw.Id ?? string.Empty, ex.Message, ex.Errors));
                }

                continue;
            }

            if (batch.Count >= batchSize)
            {
                await FlushAsync();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync();
        }

        return new BulkIngestSummary(received, created, updated, unchanged, rejected, rejections);
    }
}
