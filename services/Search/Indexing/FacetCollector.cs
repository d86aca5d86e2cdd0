using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Counts every hit per source and per tag (Lucene.Net.Facet is not available): per segment, an
/// array read of the hit's cached ordinals (<see cref="SegmentFacetOrdinals"/>) and one count
/// per ordinal, turned into names once the segment is done.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, long> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
    private SegmentFacetOrdinals? _segment;
    private int[] _sourceCounts = [];
    private int[] _tagCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _segment = SegmentFacetOrdinals.For(context.AtomicReader);
        _sourceCounts = new int[_segment.SourceNames.Length];
        _tagCounts = new int[_segment.TagNames.Length];
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        if (segment.SourceOrds[doc] is var source and >= 0)
        {
            _sourceCounts[source]++;
        }

        var tags = segment.TagOrds;
        for (int i = segment.TagStarts[doc], end = segment.TagStarts[doc + 1]; i < end; i++)
        {
            _tagCounts[tags[i]]++;
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
        if (_segment is not { } segment)
        {
            return;
        }

        Add(_sourceCounts, _sources, segment.SourceNames);
        Add(_tagCounts, _tags, segment.TagNames);
        _segment = null;
    }

    private static void Add(int[] perOrd, Dictionary<string, long> counts, string[] names)
    {
        for (var ord = 0; ord < perOrd.Length; ord++)
        {
            if (perOrd[ord] > 0)
            {
                var key = names[ord];
                counts[key] = counts.GetValueOrDefault(key) + perOrd[ord];
            }
        }
    }
}
