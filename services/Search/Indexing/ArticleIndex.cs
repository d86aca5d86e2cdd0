using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Duplicates;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The on-disk Lucene index: upserts by id, commits that make them durable and visible, and
/// leases on snapshots for queries (<see cref="Acquire"/>, then <see cref="Pages"/> and
/// <see cref="TermLookups"/> on the lease).
/// </summary>
/// <remarks>
/// Transport-neutral on purpose: the gRPC IndexService and the article-log replicator call the
/// same <see cref="UpsertAsync"/>/<see cref="CommitAsync(CancellationToken)"/>.
/// Writes are serialised by one gate so the CREATED/UPDATED/UNCHANGED verdict of each upsert
/// is exact; the writer itself still flushes segments on its own threads.
/// When the directory stops taking writes (disk full, read-only, no access), the writer is rolled
/// back to the last commit and closed, searches go on from that commit, and every write fails
/// with <see cref="IndexUnavailableException"/> until a new writer opens, which each write and
/// <see cref="TryResumeWritesAsync"/> try.
/// </remarks>
public sealed class ArticleIndex : IDisposable
{
    private readonly IndexStorage _storage;
    private readonly SearcherSource _searchers;
    // Past this many writes since the searcher last reopened, the next batch reopens it first, so
    // the map of those writes stays bounded on endless streams without a commit.
    private const int MaxUnrefreshedWrites = 100_000;

    private readonly ArticleDocuments _documents;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    // Content hash (null: deleted) of every id written since the searcher last reopened, so a batch
    // decides its statuses without reopening the searcher (Elasticsearch's live version map): a
    // reopen flushes a segment, and reopening for every batch made small segments and merges cost
    // more than the indexing itself. Touched only under the write gate.
    private readonly Dictionary<string, string?> _unrefreshed = new(StringComparer.Ordinal);
    private readonly ILogger<ArticleIndex> _logger;
    // Near-duplicate clusters of what is written; touched only under the write gate.
    private readonly ClusterAssigner _clusters;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>.</summary>
    public ArticleIndex(string path, PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb,
        TimeSpan pinLifetime, TimeProvider time, ILogger<ArticleIndex> logger, Similarity? similarity = null, int maxPinned = 64,
        DuplicateOptions? duplicates = null)
    {
        _logger = logger;
        _clusters = new ClusterAssigner(duplicates ?? new DuplicateOptions());
        _documents = new ArticleDocuments(analyzers);
        Path = System.IO.Path.GetFullPath(path);
        similarity ??= CoordinatedBm25Similarity.From(new RankingOptions());
        _storage = new IndexStorage(Path, analyzers, ramBufferSizeMb, similarity, OnMergeFailed, logger);
        try
        {
            _searchers = new SearcherSource(_storage.Writer!, SearcherSource.FactoryFor(similarity), time, pinLifetime, maxPinned);
        }
        catch
        {
            _storage.Dispose();
            throw;
        }

        Pages = new PageSearch(time, logger);
        IndexLog.Opened(_logger, Path, _storage.Writer!.NumDocs);
    }

    /// <summary>Why writes are refused, or null while the index takes writes.</summary>
    public IndexUnavailableException? WriteFault => _storage.WriteFault;

    /// <summary>Absolute path of the index directory.</summary>
    public string Path { get; }

    /// <summary>Runs pages of searches on leases from <see cref="Acquire"/>.</summary>
    public PageSearch Pages { get; }

    /// <summary>Number of live documents visible to searches.</summary>
    public int DocumentCount
    {
        get
        {
            using var lease = Acquire();
            return lease.Reader.NumDocs;
        }
    }

    /// <summary>Where leases come from (tests count them and the pinned snapshots).</summary>
    internal SearcherSource Searchers => _searchers;

    /// <summary>Raised after each commit with the commit (fsync) and searcher-refresh times.</summary>
    public event Action<TimeSpan, TimeSpan>? Committed;

    /// <summary>Raised, on a merge thread, when a background merge fails; the index is unchanged by it.</summary>
    public event Action<Exception>? MergeFailed;

    /// <summary>
    /// Counts the writers rolled back after a storage failure. Read it before the first upsert of a
    /// unit of work and pass it to <see cref="CommitAsync(long?, CancellationToken)"/>, so the unit
    /// is never acknowledged after a rollback dropped some of it.
    /// </summary>
    public long WriterGeneration => _storage.Generation;

    /// <summary>
    /// A lease on one snapshot for a whole answer: the snapshot <paramref name="after"/> came from
    /// while it is still pinned, otherwise the newest. Dispose it when the answer is built.
    /// </summary>
    public IndexLease Acquire(SearchCursor? after = null) => _searchers.Acquire(after);

    /// <summary>
    /// Adds or replaces each article by id, skipping those whose content hash is unchanged.
    /// Not durable until <see cref="CommitAsync(CancellationToken)"/>.
    /// </summary>
    public Task<IReadOnlyList<UpsertStatus>> UpsertAsync(IReadOnlyList<IndexedArticle> batch, CancellationToken cancellationToken) =>
        GatedAsync<IReadOnlyList<UpsertStatus>>(() => Writing(writer => Upsert(writer, batch, cancellationToken)), cancellationToken);

    /// <summary>Deletes an article by id and commits. Returns whether it existed.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => DeleteAsync(id, commit: true, cancellationToken);

    /// <summary>
    /// Deletes an article by id, and commits when <paramref name="commit"/> is true (otherwise the
    /// delete is durable with the next commit). Returns whether it existed.
    /// </summary>
    public Task<bool> DeleteAsync(string id, bool commit, CancellationToken cancellationToken) => GatedAsync(() => Writing(writer =>
    {
        bool found;
        if (_unrefreshed.TryGetValue(id, out var hash))
        {
            found = hash is not null;
        }
        else
        {
            using var lease = Acquire();
            found = TermLookups.FindDocId(lease, id) >= 0;
        }

        writer.DeleteDocuments(new Term(IndexFields.Id, id));
        _unrefreshed[id] = null;
        _clusters.Forget(id);
        if (commit)
        {
            CommitLocked(writer);
        }

        return found;
    }), cancellationToken);

    /// <summary>
    /// Makes every upsert so far durable (fsynced commit) and visible to searches. Returns the
    /// version of the searchable snapshot that contains them.
    /// </summary>
    public Task<long> CommitAsync(CancellationToken cancellationToken) => CommitAsync(expectedGeneration: null, cancellationToken);

    /// <summary>
    /// Like <see cref="CommitAsync(CancellationToken)"/>, but refuses with
    /// <see cref="IndexUnavailableException"/> when a rollback happened since
    /// <paramref name="expectedGeneration"/> was read (<see cref="WriterGeneration"/>): upserts
    /// made before it are gone, and another caller's failure must not let them be acknowledged.
    /// </summary>
    public Task<long> CommitAsync(long? expectedGeneration, CancellationToken cancellationToken) =>
        CommitAsync(expectedGeneration, commitData: null, cancellationToken);

    /// <summary>
    /// Like <see cref="CommitAsync(long?, CancellationToken)"/>, and stores
    /// <paramref name="commitData"/> in the same commit (when not null), atomically with the
    /// writes it covers: a log consumer keeps its position there (<see cref="CommitData"/>).
    /// </summary>
    public Task<long> CommitAsync(long? expectedGeneration, IReadOnlyDictionary<string, string>? commitData, CancellationToken cancellationToken) =>
        GatedAsync(() =>
        {
            if (expectedGeneration is { } expected && expected != _storage.Generation)
            {
                throw new IndexUnavailableException(
                    "A storage failure rolled back this request's writes before they were committed; send them again.");
            }

            return Writing(writer =>
            {
                if (commitData is not null)
                {
                    writer.SetCommitData(commitData.ToDictionary(StringComparer.Ordinal));
                }

                return CommitLocked(writer);
            });
        }, cancellationToken);

    /// <summary>
    /// The user data of the last commit (or the data set for the next one), e.g. a log consumer's
    /// position; empty when none was ever stored.
    /// </summary>
    public IReadOnlyDictionary<string, string> CommitData
    {
        get
        {
            _writeGate.Wait();
            try
            {
                var writer = _storage.Writer ?? _storage.TryReopen(_searchers)
                    ?? throw new IndexUnavailableException(_storage.WriteFault!.Message, _storage.WriteFault.InnerException);
                return new Dictionary<string, string>(writer.CommitData, StringComparer.Ordinal);
            }
            finally
            {
                _writeGate.Release();
            }
        }
    }

    /// <summary>Returns the stored article with this id, or null.</summary>
    public IndexedArticle? Get(string id)
    {
        using var lease = Acquire();
        var docId = TermLookups.FindDocId(lease, id);
        return docId < 0 ? null : ArticleDocuments.FromDocument(lease.Searcher.Doc(docId));
    }

    /// <summary>
    /// Opens a new writer if writes were refused and the directory takes writes again. Returns
    /// whether the index takes writes now. Health checks call it, so an idle index recovers too.
    /// </summary>
    public Task<bool> TryResumeWritesAsync(CancellationToken cancellationToken) =>
        _storage.WriteFault is null ? Task.FromResult(true) : GatedAsync(() =>
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _storage.TryReopen(_searchers) is not null;
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _searchers.Dispose();
            _storage.Dispose();
            IndexLog.Closed(_logger, Path);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private UpsertStatus[] Upsert(IndexWriter writer, IReadOnlyList<IndexedArticle> batch, CancellationToken cancellationToken)
    {
        // Writes of earlier batches the searcher does not see yet are in _unrefreshed.
        if (_unrefreshed.Count > MaxUnrefreshedWrites)
        {
            Refresh();
        }

        var statuses = new UpsertStatus[batch.Count];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        // Per id, the last changed version of the batch: only it is written.
        var writes = new Dictionary<string, IndexedArticle>(StringComparer.Ordinal);
        var copies = new Dictionary<string, DuplicateInfo?>(StringComparer.Ordinal);
        using (var lease = Acquire())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var article = batch[i];
                var existingHash = seen.TryGetValue(article.Id, out var hash) ? hash
                    : _unrefreshed.TryGetValue(article.Id, out var written) ? written
                    : TermLookups.FindContentHash(lease, article.Id);
                statuses[i] = existingHash is null ? UpsertStatus.Created
                    : existingHash == article.ContentHash ? UpsertStatus.Unchanged
                    : UpsertStatus.Updated;
                if (statuses[i] != UpsertStatus.Unchanged)
                {
                    writes[article.Id] = article;
                }

                seen[article.Id] = article.ContentHash;
            }

            // Signatures on every core; clusters in batch order, so a copy joins the story written before it.
            var signatures = writes.Values.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(_clusters.Sign).ToList();
            var position = 0;
            foreach (var (id, article) in writes)
            {
                copies[id] = _clusters.Assign(lease, article, signatures[position++], _unrefreshed.ContainsKey);
            }
        }

        // IndexWriter is thread-safe and analysis is most of the cost, so the documents of a
        // batch are analysed on every core. Ids are distinct here, so the order does not matter.
        Parallel.ForEach(writes.Values, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            article => _documents.Upsert(writer, article, copies[article.Id]));
        foreach (var (id, article) in writes)
        {
            _unrefreshed[id] = article.ContentHash;
        }

        return statuses;
    }

    private async Task<T> GatedAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return action();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Runs one write under the gate. A storage failure rolls the writer back to the last commit
    // and turns into IndexUnavailableException; later writes first try to reopen the writer.
    private T Writing<T>(Func<IndexWriter, T> write)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _storage.Writer ?? _storage.TryReopen(_searchers)
            ?? throw new IndexUnavailableException(_storage.WriteFault!.Message, _storage.WriteFault.InnerException);
        try
        {
            return write(writer);
        }
        catch (Exception ex) when (IndexStorage.IsStorageFailure(ex))
        {
            // The writer rolls back to the last commit: the writes noted since are gone with it.
            _unrefreshed.Clear();
            _clusters.Refreshed();
            throw _storage.RefuseWrites(writer, ex, _searchers);
        }
    }

    private long CommitLocked(IndexWriter writer)
    {
        var started = Stopwatch.GetTimestamp();
        writer.Commit();
        var committed = Stopwatch.GetTimestamp();
        Refresh();
        Committed?.Invoke(Stopwatch.GetElapsedTime(started, committed), Stopwatch.GetElapsedTime(committed));
        using var lease = Acquire();
        return lease.Version;
    }

    // Under the write gate: the reopened searcher sees every write so far.
    private void Refresh()
    {
        _searchers.Refresh();
        _unrefreshed.Clear();
        _clusters.Refreshed();
    }

    // On a merge thread: the merge's segments stay as they were, and a later flush retries it.
    private void OnMergeFailed(Exception ex)
    {
        IndexLog.MergeFailed(_logger, ex, Path);
        MergeFailed?.Invoke(ex);
    }
}
