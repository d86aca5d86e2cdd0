using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Counts every hit per source and per tag (Lucene.Net.Facet is not available). Collecting
/// only sets a bit per hit; at the end of each segment the counts come from whichever is
/// cheaper: when hits are dense, a walk of every source and tag term's postings against those
/// bits (a few postings lists instead of a doc-values lookup per hit, which measured about nine
/// times slower on OR queries that match most of the index); when they are sparse, the doc-values
/// ordinals of the hits alone, so the cost follows the hits and not the segment's size.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, long> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
    private AtomicReader? _reader;
    // Below one hit in this many documents, a segment is counted from doc values.
    private const int SparseRatio = 16;

    private FixedBitSet? _hits;
    private int _hitCount;
    private DocsEnum? _docs;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _reader = context.AtomicReader;
        _hits = new FixedBitSet(_reader.MaxDoc);
        _hitCount = 0;
    }

    public void Collect(int doc)
    {
        _hits!.Set(doc);
        _hitCount++;
    }

    /// <summary>The counts, at most <paramref name="limit"/> values per field.</summary>
    public IReadOnlyList<FacetCounts> Result(int limit)
    {
        Flush();
        return
        [
            new FacetCounts(IndexFields.Source, Top(_sources, limit)),
            new FacetCounts(IndexFields.Tags, Top(_tags, limit)),
        ];
    }

    private static List<KeyValuePair<string, long>> Top(Dictionary<string, long> counts, int limit) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(limit).ToList();

    private void Flush()
    {
        if (_reader is null || _hits is null || _hitCount == 0)
        {
            return;
        }

        if ((long)_hitCount * SparseRatio < _reader.MaxDoc)
        {
            CountSource(_reader.GetSortedDocValues(IndexFields.Source));
            CountTags(_reader.GetSortedSetDocValues(IndexFields.Tags));
        }
        else
        {
            Count(IndexFields.Source, _sources);
            Count(IndexFields.Tags, _tags);
        }

        _reader = null;
        _hits = null;
    }

    private void CountSource(SortedDocValues? values)
    {
        if (values is null)
        {
            return;
        }

        var perOrd = new int[values.ValueCount];
        for (var doc = _hits!.NextSetBit(0); doc >= 0; doc = doc + 1 < _hits.Length ? _hits.NextSetBit(doc + 1) : -1)
        {
            // -1: the article has no source.
            if (values.GetOrd(doc) is var ord and >= 0)
            {
                perOrd[ord]++;
            }
        }

        AddCounts(perOrd, _sources, (ord, term) => values.LookupOrd(ord, term));
    }

    private void CountTags(SortedSetDocValues? values)
    {
        if (values is null)
        {
            return;
        }

        var perOrd = new int[checked((int)values.ValueCount)];
        for (var doc = _hits!.NextSetBit(0); doc >= 0; doc = doc + 1 < _hits.Length ? _hits.NextSetBit(doc + 1) : -1)
        {
            values.SetDocument(doc);
            for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            {
                perOrd[(int)ord]++;
            }
        }

        AddCounts(perOrd, _tags, (ord, term) => values.LookupOrd(ord, term));
    }

    private static void AddCounts(int[] perOrd, Dictionary<string, long> counts, Action<int, BytesRef> lookup)
    {
        var term = new BytesRef();
        for (var ord = 0; ord < perOrd.Length; ord++)
        {
            if (perOrd[ord] > 0)
            {
                lookup(ord, term);
                var key = term.Utf8ToString();
                counts[key] = counts.GetValueOrDefault(key) + perOrd[ord];
            }
        }
    }

    private void Count(string field, Dictionary<string, long> counts)
    {
        var terms = _reader!.GetTerms(field);
        if (terms is null)
        {
            return;
        }

        var termsEnum = terms.GetEnumerator();
        while (termsEnum.MoveNext())
        {
            // Deleted documents never reach the collector, so live docs need no second check.
            _docs = termsEnum.Docs(null, _docs, DocsFlags.NONE);
            long count = 0;
            for (var doc = _docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = _docs.NextDoc())
            {
                if (_hits!.Get(doc))
                {
                    count++;
                }
            }

            if (count > 0)
            {
                var key = termsEnum.Term.Utf8ToString();
                counts[key] = counts.GetValueOrDefault(key) + count;
            }
        }
    }
}
