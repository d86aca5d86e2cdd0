using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Hands out <see cref="IndexLease"/>s: the newest searcher of the current
/// <see cref="SearcherManager"/>, or the snapshot a page token pinned. Pinned snapshots are kept
/// for their lifetime, at most the newest <c>maxPinned</c>, so memory does not grow with the
/// commit rate.
/// </summary>
internal sealed class SearcherSource : IDisposable
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);

    private readonly SearcherFactory _factory;
    private readonly SearcherLifetimeManager _pinned = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _pinLifetime;
    private readonly int _maxPinned;
    private volatile SearcherManager _manager;
    private long _lastPruneTicks;
    private long _leasesAcquired;
    private volatile bool _disposed;

    /// <summary>Searches <paramref name="writer"/>'s near-real-time view with searchers from <paramref name="factory"/>.</summary>
    public SearcherSource(IndexWriter writer, SearcherFactory factory, TimeProvider time, TimeSpan pinLifetime, int maxPinned)
    {
        _factory = factory;
        _time = time;
        _pinLifetime = pinLifetime;
        _maxPinned = maxPinned;
        _manager = new SearcherManager(writer, applyAllDeletes: true, _factory);
    }

    /// <summary>Makes searchers that score with <paramref name="similarity"/>, as the writer does.</summary>
    public static SearcherFactory FactoryFor(Similarity similarity) => new SimilaritySearcherFactory(similarity);

    /// <summary>Leases handed out so far (tests assert how many one request takes).</summary>
    public long LeasesAcquired => Interlocked.Read(ref _leasesAcquired);

    /// <summary>Snapshots pinned for page tokens now (tests and diagnostics).</summary>
    public int PinnedSnapshotCount
    {
        get
        {
            var count = 0;
            _pinned.Prune(new CountingPruner(() => count++));
            return count;
        }
    }

    /// <summary>
    /// A lease on the snapshot <paramref name="after"/> came from while it is still pinned,
    /// otherwise on the newest snapshot.
    /// </summary>
    public IndexLease Acquire(SearchCursor? after = null)
    {
        PruneExpiredSnapshots();
        Interlocked.Increment(ref _leasesAcquired);
        if (after is not null && _pinned.Acquire(after.SearcherVersion) is { } pinned)
        {
            return new IndexLease(pinned, _pinned, releaseTo: null, fromCursor: true);
        }

        // A lease racing a swap may find the old manager disposed: take the new one.
        while (true)
        {
            var manager = _manager;
            try
            {
                return new IndexLease(manager.Acquire(), _pinned, manager, fromCursor: false);
            }
            catch (ObjectDisposedException) when (!_disposed && manager != _manager)
            {
            }
        }
    }

    /// <summary>Searches <paramref name="writer"/>'s near-real-time view from now on.</summary>
    public void Attach(IndexWriter writer) => Swap(new SearcherManager(writer, applyAllDeletes: true, _factory));

    /// <summary>Searches the last commit in <paramref name="directory"/> from now on (no writer is open).</summary>
    public void Attach(Lucene.Net.Store.Directory directory) => Swap(new SearcherManager(directory, _factory));

    /// <summary>Reopens the searcher on everything the writer has so far.</summary>
    public void Refresh()
    {
        _manager.MaybeRefreshBlocking();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _pinned.Dispose();
        _manager.Dispose();
    }

    private void Swap(SearcherManager manager)
    {
        var old = _manager;
        _manager = manager;
        // Searchers acquired from the old manager stay valid until released.
        old.Dispose();
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

    private sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
