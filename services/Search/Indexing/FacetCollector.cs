using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Counts every hit per source and per tag from doc values (Lucene.Net.Facet is not available).
/// Counts are kept per segment ordinal and resolved to strings once per segment.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, long> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
    private SortedDocValues? _sourceValues;
    private SortedSetDocValues? _tagValues;
    private long[] _sourceCounts = [];
    private long[] _tagCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _sourceValues = context.AtomicReader.GetSortedDocValues(IndexFields.Source);
        _tagValues = context.AtomicReader.GetSortedSetDocValues(IndexFields.Tags);
        _sourceCounts = new long[_sourceValues?.ValueCount ?? 0];
        _tagCounts = new long[_tagValues?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        var ord = _sourceValues?.GetOrd(doc) ?? -1;
        if (ord >= 0)
        {
            _sourceCounts[ord]++;
        }

        if (_tagValues is not null)
        {
            _tagValues.SetDocument(doc);
            for (var tag = _tagValues.NextOrd(); tag != SortedSetDocValues.NO_MORE_ORDS; tag = _tagValues.NextOrd())
            {
                _tagCounts[tag]++;
            }
        }
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
        var bytes = new BytesRef();
        for (var ord = 0; ord < _sourceCounts.Length; ord++)
        {
            if (_sourceCounts[ord] > 0)
            {
                _sourceValues!.LookupOrd(ord, bytes);
                Add(_sources, bytes.Utf8ToString(), _sourceCounts[ord]);
            }
        }

        for (var ord = 0; ord < _tagCounts.Length; ord++)
        {
            if (_tagCounts[ord] > 0)
            {
                _tagValues!.LookupOrd(ord, bytes);
                Add(_tags, bytes.Utf8ToString(), _tagCounts[ord]);
            }
        }

        _sourceCounts = [];
        _tagCounts = [];
    }

    private static void Add(Dictionary<string, long> counts, string key, long count) =>
        counts[key] = counts.GetValueOrDefault(key) + count;
}
