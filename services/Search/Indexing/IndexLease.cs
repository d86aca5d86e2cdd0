using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// One index snapshot held for one request: everything an answer needs (hits, counts, facets,
/// term statistics, highlighting) reads this snapshot, so its parts agree and the request takes
/// one searcher instead of one per part. Dispose releases the snapshot (once).
/// </summary>
public sealed class IndexLease : IDisposable
{
    private readonly SearcherLifetimeManager _pinned;
    private readonly ReferenceManager<IndexSearcher>? _releaseTo;
    private readonly bool _fromCursor;
    private int _released;

    internal IndexLease(IndexSearcher searcher, SearcherLifetimeManager pinned, ReferenceManager<IndexSearcher>? releaseTo, bool fromCursor)
    {
        Searcher = searcher;
        _pinned = pinned;
        _releaseTo = releaseTo;
        _fromCursor = fromCursor;
    }

    /// <summary>The snapshot's searcher, with the index's similarity.</summary>
    public IndexSearcher Searcher { get; }

    /// <summary>The snapshot's reader.</summary>
    public IndexReader Reader => Searcher.IndexReader;

    /// <summary>The snapshot's version; a page token names it to come back to the same snapshot.</summary>
    public long Version => ((DirectoryReader)Reader).Version;

    /// <summary>Keeps this snapshot for later pages (for the page-token lifetime) and returns its <see cref="Version"/>.</summary>
    public long Pin() => _pinned.Record(Searcher);

    /// <summary>Whether this lease is the pinned snapshot <paramref name="after"/> came from, so search-after applies.</summary>
    internal bool Continues(SearchCursor? after) => _fromCursor && after is not null && after.SearcherVersion == Version;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        if (_releaseTo is null)
        {
            _pinned.Release(Searcher);
        }
        else
        {
            _releaseTo.Release(Searcher);
        }
    }
}
