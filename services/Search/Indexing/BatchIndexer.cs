using Microsoft.Extensions.Options;
using SeedSearch.Search.Options;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The transport-neutral indexing entry point: takes a stream of articles (from gRPC) or of changes
/// (from the article log), validates them, hands them to the index in bounded batches and
/// commits once at the end, so the caller may acknowledge only what is durable.
/// </summary>
public sealed class BatchIndexer
{
    private readonly ArticleIndex _index;
    private readonly int _batchSize;
    private readonly WatchHub? _watch;

    /// <summary>
    /// Creates the indexer over <paramref name="index"/>; <paramref name="watch"/>, when given,
    /// hears of every article a commit made searchable.
    /// </summary>
    public BatchIndexer(ArticleIndex index, IOptions<IndexOptions> options, WatchHub? watch = null)
    {
        _index = index;
        _batchSize = options.Value.MaxBatchSize;
        _watch = watch;
    }

    /// <summary>
    /// Upserts every article of <paramref name="articles"/> and commits. Returns one status per
    /// article in input order and the searchable index version that holds them. An invalid
    /// article fails the whole call before commit with <see cref="RequestValidationException"/>;
    /// articles already handed to the writer stay uncommitted until the next commit, which is
    /// harmless because upserts are idempotent.
    /// </summary>
    public async Task<(IReadOnlyList<UpsertStatus> Statuses, long Version)> IndexAsync(
        IAsyncEnumerable<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        // A storage failure of any caller rolls back every uncommitted upsert: commit only if none
        // happened since this call's first upsert.
        var generation = _index.WriterGeneration;
        var statuses = new List<UpsertStatus>();
        var changed = new List<IndexedArticle>();
        var batch = new List<IndexedArticle>(_batchSize);
        var position = 0;
        await foreach (var article in articles.WithCancellation(cancellationToken))
        {
            Validate(article, position++);
            batch.Add(article);
            if (batch.Count == _batchSize)
            {
                statuses.AddRange(await UpsertAsync(batch, changed, cancellationToken));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            statuses.AddRange(await UpsertAsync(batch, changed, cancellationToken));
        }

        var version = await _index.CommitAsync(generation, cancellationToken);
        _watch?.Indexed(Latest(changed));
        return (statuses, version);
    }

    /// <summary>
    /// Applies <paramref name="changes"/> in order (upserts and deletes by id, so applying them
    /// again is harmless) and commits them with <paramref name="commitData"/> in one commit.
    /// A change that fails validation cannot be refused (it is already in the log): it is skipped
    /// and returned with the reason, by position. Returns the searchable index version.
    /// </summary>
    public async Task<(IReadOnlyList<(int Position, string Problem)> Skipped, long Version)> ApplyAsync(
        IReadOnlyList<IndexChange> changes, IReadOnlyDictionary<string, string> commitData, CancellationToken cancellationToken)
    {
        var generation = _index.WriterGeneration;
        var skipped = new List<(int, string)>();
        var changed = new List<IndexedArticle>();
        var upserts = new List<IndexedArticle>(Math.Min(changes.Count, _batchSize));
        for (var i = 0; i < changes.Count; i++)
        {
            try
            {
                if (changes[i].Article is { } article)
                {
                    Validate(article, i);
                    upserts.Add(article);
                    if (upserts.Count == _batchSize)
                    {
                        await UpsertAsync(upserts, changed, cancellationToken);
                        upserts.Clear();
                    }
                }
                else
                {
                    var id = changes[i].DeleteId ?? string.Empty;
                    ValidateId(id, $"articles[{i}].id");
                    // A delete must follow the upserts before it: an id upserted then deleted stays deleted.
                    if (upserts.Count > 0)
                    {
                        await UpsertAsync(upserts, changed, cancellationToken);
                        upserts.Clear();
                    }

                    await _index.DeleteAsync(id, commit: false, cancellationToken);
                    changed.RemoveAll(a => a.Id == id);
                }
            }
            catch (RequestValidationException invalid)
            {
                skipped.Add((i, invalid.Message));
            }
        }

        if (upserts.Count > 0)
        {
            await UpsertAsync(upserts, changed, cancellationToken);
        }

        var version = await _index.CommitAsync(generation, commitData, cancellationToken);
        _watch?.Indexed(Latest(changed));
        return (skipped, version);
    }

    /// <summary>Deletes one article by id and commits. Returns whether it existed.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        ValidateId(id, "id");
        return _index.DeleteAsync(id, cancellationToken);
    }

    // An id written twice in one call is searchable in its last version only.
    private static IReadOnlyList<IndexedArticle> Latest(List<IndexedArticle> changed) =>
        changed.Count < 2 ? changed : changed.GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    // Upserts a batch and notes the articles it created or changed (for standing queries).
    private async Task<IReadOnlyList<UpsertStatus>> UpsertAsync(List<IndexedArticle> batch, List<IndexedArticle> changed, CancellationToken cancellationToken)
    {
        var statuses = await _index.UpsertAsync(batch, cancellationToken);
        if (_watch is not null)
        {
            changed.AddRange(batch.Where((_, i) => statuses[i] != UpsertStatus.Unchanged));
        }

        return statuses;
    }

    private static void Validate(IndexedArticle article, int position)
    {
        var prefix = $"articles[{position}]";
        ValidateId(article.Id, $"{prefix}.id");
        if (string.IsNullOrWhiteSpace(article.Body))
        {
            throw new RequestValidationException($"{prefix}.body", "must not be empty");
        }
    }

    private static void ValidateId(string id, string field)
    {
        if (ArticleIds.Problem(id) is { } problem)
        {
            throw new RequestValidationException(field, problem);
        }
    }
}
