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
    private const int MaxFacetValues = 20;
    private const int MaxTermsScanned = 10_000;

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SearcherLifetimeManager _pinned = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeSpan _pinLifetime;
    private readonly TimeProvider _time;
    private readonly Lucene.Net.Util.Counter _searchClock;
    private readonly ILogger<ArticleIndex> _logger;
    private long _lastPruneTicks;
    private bool _refreshNeeded;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>.</summary>
    public ArticleIndex(string path, PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb,
        TimeSpan pinLifetime, TimeProvider time, ILogger<ArticleIndex> logger, Similarity? similarity = null)
    {
        _pinLifetime = pinLifetime;
        _time = time;
        _searchClock = SearchClock.For(time);
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);

        _directory = OpenDirectory(Path);
        similarity ??= new CoordinatedBm25Similarity();
        _writer = new IndexWriter(_directory, CreateWriterConfig(analyzers, ramBufferSizeMb, similarity));
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
            // Per id, the last changed version of the batch: only it is written.
            var writes = new Dictionary<string, IndexedArticle>(StringComparer.Ordinal);
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
                article => _writer.UpdateDocument(new Term(IndexFields.Id, article.Id), ArticleDocuments.ToDocument(article)));
            _refreshNeeded |= writes.Count > 0;
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

    /// <summary>Raised after each commit with the commit (fsync) and searcher-refresh times.</summary>
    public event Action<TimeSpan, TimeSpan>? Committed;

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
    /// Runs one page of a search. With a cursor whose snapshot is still pinned, the page comes
    /// from that same snapshot (search-after for relevance order, the same sorted ranking
    /// otherwise), so a walk sees every hit once; once the snapshot has expired it falls back
    /// to the cursor's offset on the newest snapshot.
    /// </summary>
    public IndexPage Search(IndexSearchRequest request, SearchCursor? after)
    {
        PruneExpiredSnapshots();
        var pinned = after is null ? null : _pinned.Acquire(after.SearcherVersion);
        var searcher = pinned ?? _searchers.Acquire();
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
        var searcher = _searchers.Acquire();
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
        var searcher = _searchers.Acquire();
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
        var searcher = _searchers.Acquire();
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
        var started = Stopwatch.GetTimestamp();
        _writer.Commit();
        var committed = Stopwatch.GetTimestamp();
        _searchers.MaybeRefreshBlocking();
        _refreshNeeded = false;
        Committed?.Invoke(Stopwatch.GetElapsedTime(started, committed), Stopwatch.GetElapsedTime(committed));
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

    /// <summary>The directory implementation the index uses; shared with the indexing benchmark.</summary>
    internal static Lucene.Net.Store.Directory OpenDirectory(string path) =>
        // FSDirectory.Open would pick MMapDirectory on 64-bit Linux, which is far slower under
        // parallel search in Lucene.NET 4.8 beta00017; NIOFSDirectory is the safe choice.
        new NIOFSDirectory(new DirectoryInfo(path));

    /// <summary>The writer settings the index uses; shared with the indexing benchmark.</summary>
    internal static IndexWriterConfig CreateWriterConfig(PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb, Similarity similarity) =>
        new(LuceneVersion.LUCENE_48, analyzers.CreatePerField())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = ramBufferSizeMb,
            Similarity = similarity,
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

        [LoggerMessage(3, LogLevel.Warning, "A search ran out of its {BudgetMs} ms time budget; partial results returned")]
        public static partial void SearchTimeBudgetExceeded(ILogger logger, double budgetMs);
    }
}
