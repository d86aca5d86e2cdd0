using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The on-disk Lucene index: the one class that owns the directory, the IndexWriter and the
/// searchers. Writes are upserts by id; <see cref="CommitAsync(CancellationToken)"/> makes them durable and
/// visible. Searches pin the snapshot they used so later pages rank identically.
/// </summary>
/// <remarks>
/// Transport-neutral on purpose: the gRPC IndexService feeds it today, and a replicated-log
/// consumer can call the same <see cref="UpsertAsync"/>/<see cref="CommitAsync(CancellationToken)"/> later.
/// Writes are serialised by one gate so the CREATED/UPDATED/UNCHANGED verdict of each upsert
/// is exact; the writer itself still flushes segments on its own threads.
/// When the directory stops taking writes (disk full, read-only, no access), the writer is rolled
/// back to the last commit and closed, searches go on from that commit, and every write fails
/// with <see cref="IndexUnavailableException"/> until a new writer opens, which each write and
/// <see cref="TryResumeWritesAsync"/> try.
/// </remarks>
public sealed partial class ArticleIndex : IDisposable
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);
    private const int MaxFacetValues = 20;
    private const int MaxTermsScanned = 10_000;
    private const string WriteProbeFile = "write.probe";
    private const int WriteProbeBytes = 64 * 1024;

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly PortugueseAnalyzerFactory _analyzers;
    private readonly double _ramBufferSizeMb;
    private readonly Similarity _similarity;
    private readonly SearcherFactory _searcherFactory;
    // Null while writes are refused; swapped only under the write gate.
    private IndexWriter? _writer;
    private volatile SearcherManager _searchers;
    private volatile IndexUnavailableException? _writeFault;
    private long _writerGeneration;
    private readonly SearcherLifetimeManager _pinned = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeSpan _pinLifetime;
    private readonly int _maxPinned;
    private readonly TimeProvider _time;
    private readonly Lucene.Net.Util.Counter _searchClock;
    private readonly ILogger<ArticleIndex> _logger;
    private long _lastPruneTicks;
    private bool _refreshNeeded;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>.</summary>
    public ArticleIndex(string path, PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb,
        TimeSpan pinLifetime, TimeProvider time, ILogger<ArticleIndex> logger, Similarity? similarity = null, int maxPinned = 64)
    {
        _pinLifetime = pinLifetime;
        _maxPinned = maxPinned;
        _time = time;
        _searchClock = SearchClock.For(time);
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);

        _directory = OpenDirectory(Path);
        _analyzers = analyzers;
        _ramBufferSizeMb = ramBufferSizeMb;
        _similarity = similarity ?? new CoordinatedBm25Similarity();
        _searcherFactory = new Bm25SearcherFactory(_similarity);
        var writer = new IndexWriter(_directory, CreateWriterConfig(analyzers, ramBufferSizeMb, _similarity, OnMergeFailed));
        // Make sure an empty index has a commit point, so a reader can always be opened.
        writer.Commit();
        _writer = writer;
        _searchers = new SearcherManager(writer, applyAllDeletes: true, _searcherFactory);
        Log.Opened(_logger, Path, writer.NumDocs);
    }

    /// <summary>Why writes are refused, or null while the index takes writes.</summary>
    public IndexUnavailableException? WriteFault => _writeFault;

    /// <summary>Absolute path of the index directory.</summary>
    public string Path { get; }

    /// <summary>Number of live documents visible to searches.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = AcquireSearcher();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Adds or replaces each article by id, skipping those whose content hash is unchanged.
    /// Not durable until <see cref="CommitAsync(CancellationToken)"/>.
    /// </summary>
    public async Task<IReadOnlyList<UpsertStatus>> UpsertAsync(IReadOnlyList<IndexedArticle> batch, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Writing(writer => Upsert(writer, batch, cancellationToken));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private UpsertStatus[] Upsert(IndexWriter writer, IReadOnlyList<IndexedArticle> batch, CancellationToken cancellationToken)
    {
        if (_refreshNeeded)
        {
            // Lookups below must see upserts from earlier, still uncommitted batches.
            _searchers.MaybeRefreshBlocking();
            _refreshNeeded = false;
        }

        var statuses = new UpsertStatus[batch.Count];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        // Per id, the last changed version of the batch: only it is written.
        var writes = new Dictionary<string, IndexedArticle>(StringComparer.Ordinal);
        var searcher = AcquireSearcher();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var article = batch[i];
                var existingHash = seen.TryGetValue(article.Id, out var hash) ? hash : FindContentHash(searcher, article.Id);
                statuses[i] = existingHash is null ? UpsertStatus.Created
                    : existingHash == article.ContentHash ? UpsertStatus.Unchanged
                    : UpsertStatus.Updated;
                if (statuses[i] != UpsertStatus.Unchanged)
                {
                    writes[article.Id] = article;
                }

                seen[article.Id] = article.ContentHash;
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }

        // IndexWriter is thread-safe and analysis is most of the cost, so the documents of a
        // batch are analysed on every core. Ids are distinct here, so the order does not matter.
        Parallel.ForEach(writes.Values, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            article => writer.UpdateDocument(new Term(IndexFields.Id, article.Id), ArticleDocuments.ToDocument(article)));
        _refreshNeeded |= writes.Count > 0;
        return statuses;
    }

    /// <summary>Deletes an article by id and commits. Returns whether it existed.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Writing(writer =>
            {
                _searchers.MaybeRefreshBlocking();
                var searcher = AcquireSearcher();
                bool found;
                try
                {
                    found = FindDocId(searcher, id) >= 0;
                }
                finally
                {
                    _searchers.Release(searcher);
                }

                writer.DeleteDocuments(new Term(IndexFields.Id, id));
                CommitLocked(writer);
                return found;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Raised after each commit with the commit (fsync) and searcher-refresh times.</summary>
    public event Action<TimeSpan, TimeSpan>? Committed;

    /// <summary>Raised, on a merge thread, when a background merge fails; the index is unchanged by it.</summary>
    public event Action<Exception>? MergeFailed;

    /// <summary>
    /// Counts the writers rolled back after a storage failure. Read it before the first upsert of a
    /// unit of work and pass it to <see cref="CommitAsync(long?, CancellationToken)"/>, so the unit
    /// is never acknowledged after a rollback dropped some of it.
    /// </summary>
    public long WriterGeneration => Interlocked.Read(ref _writerGeneration);

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
    public async Task<long> CommitAsync(long? expectedGeneration, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (expectedGeneration is { } expected && expected != _writerGeneration)
            {
                throw new IndexUnavailableException(
                    "A storage failure rolled back this request's writes before they were committed; send them again.");
            }

            return Writing(CommitLocked);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Returns the stored article with this id, or null.</summary>
    public IndexedArticle? Get(string id)
    {
        var searcher = AcquireSearcher();
        try
        {
            var docId = FindDocId(searcher, id);
            return docId < 0 ? null : ArticleDocuments.FromDocument(searcher.Doc(docId));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Runs one page of a search. With a cursor whose snapshot is still pinned, the page comes
    /// from that same snapshot (search-after for relevance order, the same sorted ranking
    /// otherwise), so a walk sees every hit once; once the snapshot has expired it falls back
    /// to the cursor's offset on the newest snapshot.
    /// </summary>
    public IndexPage Search(IndexSearchRequest request, SearchCursor? after)
    {
        PruneExpiredSnapshots();
        var pinned = after is null ? null : _pinned.Acquire(after.SearcherVersion);
        var searcher = pinned ?? AcquireSearcher();
        try
        {
            // Rewriting on the page's own snapshot keeps every page of a walk on the same query.
            var scoring = request.Rewrite?.Invoke(searcher, request.Query, request.Filter) ?? request.Query;
            var query = request.Filter is null ? scoring : new FilteredQuery(scoring, new QueryWrapperFilter(request.Filter));
            var version = pinned is null ? _pinned.Record(searcher) : after!.SearcherVersion;
            var offset = after?.Offset ?? 0;
            var searchAfter = pinned is not null && request.Sort == IndexSort.Relevance;
            var wanted = searchAfter ? request.PageSize : offset + request.PageSize;
            ITopDocsCollector top = request.Sort switch
            {
                IndexSort.Relevance when searchAfter => TopScoreDocCollector.Create(wanted, new ScoreDoc(after!.DocId, after.Score), false),
                IndexSort.Relevance => TopScoreDocCollector.Create(wanted, false),
                _ => TopFieldCollector.Create(ByDate(request.Sort), wanted, false, true, false, false),
            };
            var facets = request.CountFacets ? new FacetCollector() : null;
            ICollector collector = facets is null ? top : MultiCollector.Wrap(top, facets);
            var partial = false;
            if (request.TimeBudget is { Ticks: > 0 } budget)
            {
                collector = new TimeLimitingCollector(collector, _searchClock, Math.Max(1, (long)budget.TotalMilliseconds));
            }

            try
            {
                searcher.Search(query, collector);
            }
            catch (TimeLimitingCollector.TimeExceededException)
            {
                // The collectors keep what they saw: answer with that rather than with nothing.
                partial = true;
                Log.SearchTimeBudgetExceeded(_logger, request.TimeBudget!.Value.TotalMilliseconds);
            }

            var docs = top.GetTopDocs();
            var page = searchAfter ? docs.ScoreDocs : docs.ScoreDocs.Skip(offset).ToArray();
            var highlight = request.ExpandForHighlighting?.Invoke(request.Query, searcher.IndexReader) ?? request.Query;
            return ToPage(searcher, version, docs.TotalHits, page, offset, request.Sort, facets?.Result(MaxFacetValues) ?? [], highlight) with
            {
                Partial = partial,
            };
        }
        finally
        {
            if (pinned is not null)
            {
                _pinned.Release(pinned);
            }
            else
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Sum over <paramref name="fields"/> of the documents containing <paramref name="term"/>, from one snapshot.</summary>
    public int DocFrequency(string term, params string[] fields)
    {
        var searcher = AcquireSearcher();
        try
        {
            return fields.Sum(field => searcher.IndexReader.DocFreq(new Term(field, term)));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Index terms of <paramref name="field"/> within <paramref name="maxEdits"/> edits of
    /// <paramref name="term"/> (same first letter), most frequent first: spelling candidates.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> SimilarTerms(string field, string term, int maxEdits, int limit)
    {
        var searcher = AcquireSearcher();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, field);
            if (terms is null)
            {
                return [];
            }

            var candidates = new List<KeyValuePair<string, int>>();
            var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(field, term), maxEdits, 1, true);
            for (var scanned = 0; scanned < MaxTermsScanned && fuzzy.MoveNext(); scanned++)
            {
                candidates.Add(new(fuzzy.Term.Utf8ToString(), fuzzy.DocFreq));
            }

            return candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(limit).ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Terms of <paramref name="field"/> starting with <paramref name="prefix"/>, with their
    /// document frequency; the walk stops after a bounded number of terms.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> TermsWithPrefix(string field, string prefix)
    {
        var searcher = AcquireSearcher();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, field);
            var result = new List<KeyValuePair<string, int>>();
            if (terms is null)
            {
                return result;
            }

            var prefixBytes = new BytesRef(prefix);
            var iterator = terms.GetEnumerator();
            if (iterator.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
            {
                return result;
            }

            do
            {
                if (!StringHelper.StartsWith(iterator.Term, prefixBytes))
                {
                    break;
                }

                result.Add(new(iterator.Term.Utf8ToString(), iterator.DocFreq));
            }
            while (result.Count < MaxTermsScanned && iterator.MoveNext());

            return result;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

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
            _pinned.Dispose();
            _searchers.Dispose();
            try
            {
                _writer?.Dispose();
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                // Disposing commits what is pending; if it cannot, the last commit stands.
                Log.RollbackFailed(_logger, ex, Path);
                _writer?.Rollback();
            }

            _directory.Dispose();
            Log.Closed(_logger, Path);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Opens a new writer if writes were refused and the directory takes writes again. Returns
    /// whether the index takes writes now. Health checks call it, so an idle index recovers too.
    /// </summary>
    public async Task<bool> TryResumeWritesAsync(CancellationToken cancellationToken)
    {
        if (_writeFault is null)
        {
            return true;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return TryReopenWriterLocked() is not null;
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
        var writer = _writer ?? TryReopenWriterLocked()
            ?? throw new IndexUnavailableException(_writeFault!.Message, _writeFault.InnerException);
        try
        {
            return write(writer);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw RefuseWritesLocked(writer, ex);
        }
    }

    private IndexUnavailableException RefuseWritesLocked(IndexWriter writer, Exception cause)
    {
        var storage = Unwrap(cause);
        Log.WritesRefused(_logger, storage, Path);
        try
        {
            // Drops everything since the last commit and closes the writer; the commit stays intact.
            writer.Rollback();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            Log.RollbackFailed(_logger, ex, Path);
        }

        _writer = null;
        Interlocked.Increment(ref _writerGeneration);
        _refreshNeeded = false;
        try
        {
            // The writer's near-real-time view may hold rolled-back upserts: search the last commit.
            SwapSearchers(new SearcherManager(_directory, _searcherFactory));
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            Log.RollbackFailed(_logger, ex, Path);
        }

        var fault = Refusal(storage);
        _writeFault = fault;
        return fault;
    }

    private static IndexUnavailableException Refusal(Exception storage) =>
        new($"The index cannot be written ({storage.Message}); writes are refused until it can, searches use the last commit.", storage);

    private IndexWriter? TryReopenWriterLocked()
    {
        try
        {
            ProbeWritable();
            var writer = new IndexWriter(_directory, CreateWriterConfig(_analyzers, _ramBufferSizeMb, _similarity, OnMergeFailed));
            SwapSearchers(new SearcherManager(writer, applyAllDeletes: true, _searcherFactory));
            _writer = writer;
            _writeFault = null;
            Log.WritesResumed(_logger, Path, writer.NumDocs);
            return writer;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            var storage = Unwrap(ex);
            Log.ReopenFailed(_logger, Path, storage.Message);
            _writeFault = Refusal(storage);
            return null;
        }
    }

    // Opening a writer needs only an empty lock file, which a full disk still takes: write a
    // little data first, so a writer reopens only when a commit has a chance.
    private void ProbeWritable()
    {
        var probe = System.IO.Path.Combine(Path, WriteProbeFile);
        try
        {
            using var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            stream.Write(new byte[WriteProbeBytes]);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    // A search racing a swap may find the old manager disposed: take the new one.
    private IndexSearcher AcquireSearcher()
    {
        while (true)
        {
            var searchers = _searchers;
            try
            {
                return searchers.Acquire();
            }
            catch (ObjectDisposedException) when (!_disposed && searchers != _searchers)
            {
            }
        }
    }

    private void SwapSearchers(SearcherManager searchers)
    {
        var old = _searchers;
        _searchers = searchers;
        // Searchers acquired from the old manager stay valid until released.
        old.Dispose();
    }

    // On a merge thread: the merge's segments stay as they were, and a later flush retries it.
    private void OnMergeFailed(Exception ex)
    {
        Log.MergeFailed(_logger, ex, Path);
        MergeFailed?.Invoke(ex);
    }

    private static bool IsStorageFailure(Exception ex) => Unwrap(ex) is IOException or UnauthorizedAccessException;

    // Parallel indexing wraps the writer's exception.
    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions: [var inner, ..] } ? Unwrap(inner) : ex;

    private long CommitLocked(IndexWriter writer)
    {
        var started = Stopwatch.GetTimestamp();
        writer.Commit();
        var committed = Stopwatch.GetTimestamp();
        _searchers.MaybeRefreshBlocking();
        _refreshNeeded = false;
        Committed?.Invoke(Stopwatch.GetElapsedTime(started, committed), Stopwatch.GetElapsedTime(committed));
        var searcher = AcquireSearcher();
        try
        {
            return ((DirectoryReader)searcher.IndexReader).Version;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The directory implementation the index uses; shared with the indexing benchmark.</summary>
    internal static Lucene.Net.Store.Directory OpenDirectory(string path) =>
        // FSDirectory.Open would pick MMapDirectory on 64-bit Linux, which is far slower under
        // parallel search in Lucene.NET 4.8 beta00017; NIOFSDirectory is the safe choice.
        new NIOFSDirectory(new DirectoryInfo(path));

    /// <summary>The writer settings the index uses; shared with the indexing benchmark.</summary>
    internal static IndexWriterConfig CreateWriterConfig(PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb, Similarity similarity,
        Action<Exception>? mergeFailed = null) =>
        new(LuceneVersion.LUCENE_48, analyzers.CreatePerField())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = ramBufferSizeMb,
            Similarity = similarity,
            MergeScheduler = new ReportingMergeScheduler(mergeFailed ?? (_ => { })),
        };

    private static Sort ByDate(IndexSort sort)
    {
        // Each direction has its own doc values, in which undated articles sort last.
        var field = sort == IndexSort.Newest
            ? new SortField(IndexFields.PublishedAt, SortFieldType.INT64, reverse: true)
            : new SortField(IndexFields.PublishedAtAscending, SortFieldType.INT64);
        return new Sort(field, SortField.FIELD_SCORE);
    }

    private static IndexPage ToPage(IndexSearcher searcher, long version, int totalHits, IReadOnlyList<ScoreDoc> page, int offset,
        IndexSort sort, IReadOnlyList<FacetCounts> facets, Query highlight)
    {
        var hits = new List<ScoredArticle>(page.Count);
        foreach (var scoreDoc in page)
        {
            hits.Add(new ScoredArticle(ArticleDocuments.FromDocument(searcher.Doc(scoreDoc.Doc)), scoreDoc.Score));
        }

        var seen = offset + hits.Count;
        // Sorted walks resume by offset on the pinned snapshot; relevance walks by search-after.
        SearchCursor? next = hits.Count > 0 && seen < totalHits
            ? sort == IndexSort.Relevance ? new SearchCursor(version, page[^1].Score, page[^1].Doc, seen) : new SearchCursor(version, 0, 0, seen)
            : null;
        return new IndexPage(totalHits, hits, next, facets, highlight);
    }

    private static int FindDocId(IndexSearcher searcher, string id)
    {
        var top = searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        return top.TotalHits == 0 ? -1 : top.ScoreDocs[0].Doc;
    }

    private static string? FindContentHash(IndexSearcher searcher, string id)
    {
        var docId = FindDocId(searcher, id);
        return docId < 0 ? null : searcher.Doc(docId).Get(IndexFields.ContentHash) ?? string.Empty;
    }

    private void PruneExpiredSnapshots()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (_time.GetElapsedTime(last, now) < PruneInterval || Interlocked.CompareExchange(ref _lastPruneTicks, now, last) != last)
        {
            return;
        }

        _pinned.Prune(new PruneByAgeAndCount(_pinLifetime.TotalSeconds, _maxPinned));
    }

    /// <summary>Snapshots pinned for page tokens now (tests and diagnostics).</summary>
    internal int PinnedSnapshotCount
    {
        get
        {
            var count = 0;
            _pinned.Prune(new CountingPruner(() => count++));
            return count;
        }
    }

    // Prune visits the snapshots newest first: keep the newest maxCount that are young enough.
    private sealed class PruneByAgeAndCount(double maxAgeSeconds, int maxCount) : SearcherLifetimeManager.IPruner
    {
        private readonly SearcherLifetimeManager.PruneByAge _byAge = new(maxAgeSeconds);
        private int _kept;

        public bool DoPrune(double ageSec, IndexSearcher searcher)
        {
            if (_kept >= maxCount || _byAge.DoPrune(ageSec, searcher))
            {
                return true;
            }

            _kept++;
            return false;
        }
    }

    private sealed class CountingPruner(Action seen) : SearcherLifetimeManager.IPruner
    {
        public bool DoPrune(double ageSec, IndexSearcher searcher)
        {
            seen();
            return false;
        }
    }

    private sealed class Bm25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Opened index at {Path} with {DocumentCount} documents")]
        public static partial void Opened(ILogger logger, string path, int documentCount);

        [LoggerMessage(2, LogLevel.Information, "Closed index at {Path}")]
        public static partial void Closed(ILogger logger, string path);

        [LoggerMessage(3, LogLevel.Warning, "A search ran out of its {BudgetMs} ms time budget; partial results returned")]
        public static partial void SearchTimeBudgetExceeded(ILogger logger, double budgetMs);

        [LoggerMessage(4, LogLevel.Error, "Index at {Path} cannot be written; rolled back to the last commit, writes refused until it can")]
        public static partial void WritesRefused(ILogger logger, Exception exception, string path);

        [LoggerMessage(5, LogLevel.Warning, "Rolling back the index at {Path} after a write failure failed too")]
        public static partial void RollbackFailed(ILogger logger, Exception exception, string path);

        [LoggerMessage(6, LogLevel.Warning, "Index at {Path} still cannot be written: {Reason}")]
        public static partial void ReopenFailed(ILogger logger, string path, string reason);

        [LoggerMessage(7, LogLevel.Information, "Index at {Path} takes writes again; {DocumentCount} documents in the last commit")]
        public static partial void WritesResumed(ILogger logger, string path, int documentCount);

        [LoggerMessage(8, LogLevel.Error, "A background merge in the index at {Path} failed; its segments are kept and the merge is retried later")]
        public static partial void MergeFailed(ILogger logger, Exception exception, string path);
    }
}
