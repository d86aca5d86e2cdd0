using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The source and tag ordinals of every document of one segment, unpacked from doc values into
/// plain arrays the first time a facet count needs them and kept as long as the segment lives.
/// Counting a hit is then an array read, where Lucene.NET's packed doc values cost a few virtual
/// calls per hit (or a walk of every value's postings, which costs as much as the segment).
/// Memory: about 4 bytes per document plus 4 per tag.
/// </summary>
internal sealed class SegmentFacetOrdinals
{
    // Keyed by the segment's core: the same across reopens of an unchanged segment, and
    // collected with it once no reader holds it.
    private static readonly ConditionalWeakTable<object, SegmentFacetOrdinals> Cache = new();

    private readonly SortedDocValues? _sources;
    private readonly SortedSetDocValues? _tags;

    private SegmentFacetOrdinals(AtomicReader reader)
    {
        _sources = reader.GetSortedDocValues(IndexFields.Source);
        _tags = reader.GetSortedSetDocValues(IndexFields.Tags);
        var maxDoc = reader.MaxDoc;
        SourceOrds = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            // -1: the article has no source.
            SourceOrds[doc] = _sources?.GetOrd(doc) ?? -1;
        }

        TagStarts = new int[maxDoc + 1];
        var ords = new List<int>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            TagStarts[doc] = ords.Count;
            if (_tags is null)
            {
                continue;
            }

            _tags.SetDocument(doc);
            for (var ord = _tags.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = _tags.NextOrd())
            {
                ords.Add(checked((int)ord));
            }
        }

        TagStarts[maxDoc] = ords.Count;
        TagOrds = [.. ords];
    }

    /// <summary>Each document's source ordinal, or -1 without a source.</summary>
    public int[] SourceOrds { get; }

    /// <summary>Where each document's tag ordinals start in <see cref="TagOrds"/>; one past the last document ends them.</summary>
    public int[] TagStarts { get; }

    /// <summary>The tag ordinals of every document, one after another.</summary>
    public int[] TagOrds { get; }

    /// <summary>How many distinct sources the segment has.</summary>
    public int SourceCount => _sources?.ValueCount ?? 0;

    /// <summary>How many distinct tags the segment has.</summary>
    public int TagCount => checked((int)(_tags?.ValueCount ?? 0));

    public static SegmentFacetOrdinals For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacetOrdinals(reader));

    /// <summary>The source named by <paramref name="ord"/>.</summary>
    public string Source(int ord, BytesRef scratch)
    {
        _sources!.LookupOrd(ord, scratch);
        return scratch.Utf8ToString();
    }

    /// <summary>The tag named by <paramref name="ord"/>.</summary>
    public string Tag(int ord, BytesRef scratch)
    {
        _tags!.LookupOrd(ord, scratch);
        return scratch.Utf8ToString();
    }
}
