using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Outbox;
using SeedSearch.Ingest.Publishing;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Ingest.Ingestion;

/// <summary>
/// The ingest use case, independent of transport: normalise, store durably in the outbox (the
/// moment an article counts as accepted), wake the forwarder, and optionally wait until search
/// has it. Used by the gRPC service and the seed-folder import alike.
/// </summary>
public sealed class ArticleIngestor(
    ArticleNormalizer normalizer, ArticleOutbox outbox, OutboxForwarder forwarder, IOptions<PublishingOptions> options)
{
    /// <summary>Most rejections described in a bulk summary; the count covers them all.</summary>
    public const int MaxReportedRejections = 1000;

    // Articles of a bulk stream normalised together, on every core.
    private const int NormalizeGroupSize = 256;

    /// <summary>
    /// Normalises and accepts one article; throws <see cref="RequestValidationException"/> when
    /// invalid, <see cref="OutboxFullException"/> when the outbox is full, and (with
    /// <paramref name="waitForIndexed"/>) <see cref="IndexingPendingException"/> when search does
    /// not have it in time.
    /// </summary>
    public async Task<IngestOutcome> IngestAsync(RawArticleInput raw, bool waitForIndexed, CancellationToken cancellationToken)
    {
        var article = normalizer.Normalize(raw);
        var accepted = outbox.Enqueue([ToOutbox(article)])[0];
        forwarder.Notify();
        if (waitForIndexed)
        {
            await forwarder.WaitUntilForwardedAsync(accepted.Sequence, cancellationToken);
        }

        return new IngestOutcome(article.Id, accepted.Status, article.Warnings);
    }

    /// <summary>
    /// Accepts a stream of articles with bounded memory: invalid items are reported and skipped,
    /// valid ones are stored in batches of <see cref="PublishingOptions.BatchSize"/>, each batch
    /// one durable transaction. If the outbox fills up mid-stream, the batches before stay
    /// accepted and <see cref="OutboxFullException"/> says how many; a re-send is harmless.
    /// </summary>
    public async Task<BulkIngestSummary> IngestManyAsync(IAsyncEnumerable<RawArticleInput> raws, Func<bool> waitForIndexed,
        CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var batch = new List<OutboxArticle>(batchSize);
        var rejections = new List<BulkRejection>();
        int received = 0, created = 0, updated = 0, unchanged = 0, rejected = 0;
        var last = 0L;

        void Flush()
        {
            IReadOnlyList<Acceptance> accepted;
            try
            {
                accepted = outbox.Enqueue(batch);
            }
            catch (OutboxFullException ex)
            {
                throw new OutboxFullException(ex.Depth, outbox.MaxDepth, created + updated + unchanged, received);
            }

            forwarder.Notify();
            foreach (var acceptance in accepted)
            {
                switch (acceptance.Status)
                {
                    case PublishStatus.Created: created++; break;
                    case PublishStatus.Updated: updated++; break;
                    default: unchanged++; break;
                }

                last = Math.Max(last, acceptance.Sequence);
            }

            batch.Clear();
        }

        // Normalising (text cleaning, Markdown, the language check) is most of ingest's work, so a
        // stream's articles are normalised a group at a time on every core, then taken in order.
        var group = new List<RawArticleInput>(NormalizeGroupSize);
        var results = new (OutboxArticle? Article, RequestValidationException? Error)[NormalizeGroupSize];

        void TakeGroup()
        {
            Parallel.For(0, group.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
            {
                try
                {
                    results[i] = (ToOutbox(normalizer.Normalize(group[i])), null);
                }
                catch (RequestValidationException ex)
                {
                    results[i] = (null, ex);
                }
            });
            for (var i = 0; i < group.Count; i++)
            {
                var index = received++;
                if (results[i] is (_, { } error))
                {
                    rejected++;
                    if (rejections.Count < MaxReportedRejections)
                    {
                        rejections.Add(new BulkRejection(index, group[i].Id ?? string.Empty, error.Message, error.Errors));
                    }
                }
                else
                {
                    batch.Add(results[i].Article!);
                    if (batch.Count >= batchSize)
                    {
                        Flush();
                    }
                }

                results[i] = default;
            }

            group.Clear();
        }

        await foreach (var raw in raws.WithCancellation(cancellationToken))
        {
            group.Add(raw);
            if (group.Count == NormalizeGroupSize)
            {
                TakeGroup();
            }
        }

        if (group.Count > 0)
        {
            TakeGroup();
        }

        if (batch.Count > 0)
        {
            Flush();
        }

        if (waitForIndexed() && last > 0)
        {
            await forwarder.WaitUntilForwardedAsync(last, cancellationToken);
        }

        return new BulkIngestSummary(received, created, updated, unchanged, rejected, rejections);
    }

    /// <summary>
    /// Accepts the removal of <paramref name="id"/> through the same outbox as upserts, so it
    /// cannot overtake an earlier upsert of the same article. Returns whether ingest had accepted it.
    /// </summary>
    public async Task<bool> DeleteAsync(string id, bool waitForIndexed, CancellationToken cancellationToken)
    {
        id = id.Trim();
        if (ArticleIds.Problem(id) is { } problem)
        {
            throw new RequestValidationException("id", problem);
        }

        var (known, sequence) = outbox.EnqueueDelete(id);
        forwarder.Notify();
        if (waitForIndexed)
        {
            await forwarder.WaitUntilForwardedAsync(sequence, cancellationToken);
        }

        return known;
    }

    /// <summary>Waits until everything accepted so far is searchable (see <see cref="OutboxForwarder.WaitUntilForwardedAsync"/>).</summary>
    public Task WaitUntilIndexedAsync(CancellationToken cancellationToken) =>
        forwarder.WaitUntilForwardedAsync(outbox.LastSequence, cancellationToken);

    // The current request's trace context is stored with the article (see OutboxForwarder).
    private static OutboxArticle ToOutbox(NormalizedArticle article) =>
        new(article.Id, article.ContentHash, Article.Create(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt, article.Tags, article.ContentHash).ToByteArray(), Activity.Current?.Id);
}
