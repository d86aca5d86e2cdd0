using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The on-disk Lucene index: the one class that owns the directory, the IndexWriter and the
/// searchers. Writes are upserts by id; <see cref="CommitAsync"/> makes them durable and
/// visible. Searches pin the snapshot they used so later pages rank identically.
/// </summary>
/// <remarks>
/// Transport-neutral on purpose: the gRPC IndexService feeds it today, and a replicated-log
/// consumer can call the same <see cref="UpsertAsync"/>/<see cref="CommitAsync"/> later.
/// Writes are serialised by one gate so the CREATED/UPDATED/UNCHANGED verdict of each upsert
/// is exact; the writer itself still flushes segments on its own threads.
/// </remarks>
public sealed partial class ArticleIndex : IDisposable
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SearcherLifetimeManager _pinned = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeSpan _pinLifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticleIndex> _logger;
    private long _lastPruneTicks;
    private bool _refreshNeeded;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>.</summary>
    public ArticleIndex(string path, PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb,
        TimeSpan pinLifetime, TimeProvider time, ILogger<ArticleIndex> logger)
    {
        _pinLifetime = pinLifetime;
        _time = time;
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);

        // FSDirectory.Open would pick MMapDirectory on 64-bit Linux, which is far slower under
        // parallel search in Lucene.NET 4.8 beta00017; NIOFSDirectory is the safe choice.
        _directory = new NIOFSDirectory(new DirectoryInfo(Path));
        var similarity = new CoordinatedBm25Similarity();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzers.CreatePerField())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = ramBufferSizeMb,
            Similarity = similarity,
        };
        _writer = new IndexWriter(_directory, config);
        // Make sure an empty index has a commit point, so a reader can always be opened.
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory(similarity));
        Log.Opened(_logger, Path, _writer.NumDocs);
    }

    /// <summary>Absolute path of the index directory.</summary>
    public string Path { get; }

    /// <summary>Number of live documents visible to searches.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
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
    /// Not durable until <see cref="CommitAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<UpsertStatus>> UpsertAsync(IReadOnlyList<IndexedArticle> batch, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_refreshNeeded)
            {
                // Lookups below must see upserts from earlier, still uncommitted batches.
                _searchers.MaybeRefreshBlocking();
                _refreshNeeded = false;
            }

            var statuses = new UpsertStatus[batch.Count];
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var searcher = _searchers.Acquire();
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
                        _writer.UpdateDocument(new Term(IndexFields.Id, article.Id), ArticleDocuments.ToDocument(article));
                        _refreshNeeded = true;
                    }

                    seen[article.Id] = article.ContentHash;
                }
            }
            finally
            {
                _searchers.Release(searcher);
            }

            return statuses;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Deletes an article by id and commits. Returns whether it existed.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _searchers.MaybeRefreshBlocking();
            var searcher = _searchers.Acquire();
            bool found;
            try
            {
                found = FindDocId(searcher, id) >= 0;
            }
            finally
            {
                _searchers.Release(searcher);
            }

            _writer.DeleteDocuments(new Term(IndexFields.Id, id));
            CommitLocked();
            return found;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Makes every upsert so far durable (fsynced commit) and visible to searches. Returns the
    /// version of the searchable snapshot that contains them.
    /// </summary>
    public async Task<long> CommitAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return CommitLocked();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Returns the stored article with this id, or null.</summary>
    public IndexedArticle? Get(string id)
    {
        var searcher = _searchers.Acquire();
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
    /// Runs <paramref name="query"/> and returns one page. With a cursor whose snapshot is still
    /// pinned, the page continues exactly after the previous one (search-after on the same
    /// snapshot); once the snapshot has expired it falls back to the cursor's offset on the
    /// newest snapshot.
    /// </summary>
    public IndexPage Search(Query query, int pageSize, SearchCursor? after)
    {
        PruneExpiredSnapshots();
        var pinned = after is null ? null : _pinned.Acquire(after.SearcherVersion);
        if (pinned is not null)
        {
            try
            {
                var top = pinned.SearchAfter(new ScoreDoc(after!.DocId, after.Score), query, pageSize);
                return ToPage(pinned, after.SearcherVersion, top.TotalHits, top.ScoreDocs, after.Offset);
            }
            finally
            {
                _pinned.Release(pinned);
            }
        }

        var searcher = _searchers.Acquire();
        try
        {
            var version = _pinned.Record(searcher);
            var offset = after?.Offset ?? 0;
            var top = searcher.Search(query, offset + pageSize);
            var page = top.ScoreDocs.Skip(offset).ToArray();
            return ToPage(searcher, version, top.TotalHits, page, offset);
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
            _writer.Dispose();
            _directory.Dispose();
            Log.Closed(_logger, Path);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private long CommitLocked()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
        _refreshNeeded = false;
        var searcher = _searchers.Acquire();
        try
        {
            return ((DirectoryReader)searcher.IndexReader).Version;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static IndexPage ToPage(IndexSearcher searcher, long version, int totalHits, IReadOnlyList<ScoreDoc> page, int offset)
    {
        var hits = new List<ScoredArticle>(page.Count);
        foreach (var scoreDoc in page)
        {
            hits.Add(new ScoredArticle(ArticleDocuments.FromDocument(searcher.Doc(scoreDoc.Doc)), scoreDoc.Score));
        }

        var seen = offset + hits.Count;
        SearchCursor? next = hits.Count > 0 && seen < totalHits
            ? new SearchCursor(version, page[^1].Score, page[^1].Doc, seen)
            : null;
        return new IndexPage(totalHits, hits, next);
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

        _pinned.Prune(new SearcherLifetimeManager.PruneByAge(_pinLifetime.TotalSeconds));
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
    }
}
