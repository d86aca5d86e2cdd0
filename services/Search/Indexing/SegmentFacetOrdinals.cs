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
/// Memory: about 4 bytes per document plus 4 per tag, and the names of the segment's sources and tags.
/// </summary>
internal sealed class SegmentFacetOrdinals
{
    // Keyed by the segment's core: the same across reopens of an unchanged segment, and
    // collected with it once no reader holds it.
    private static readonly ConditionalWeakTable<object, SegmentFacetOrdinals> Cache = new();

    private SegmentFacetOrdinals(AtomicReader reader)
    {
        // Doc-values instances are per thread (they read through a file position): only what
        // they hold is kept, the names included, never the instances themselves.
        var sources = reader.GetSortedDocValues(IndexFields.Source);
        var tags = reader.GetSortedSetDocValues(IndexFields.Tags);
        var scratch = new BytesRef();
        SourceNames = [.. Enumerable.Range(0, sources?.ValueCount ?? 0).Select(ord => Name(scratch, s => sources!.LookupOrd(ord, s)))];
        TagNames = [.. Enumerable.Range(0, checked((int)(tags?.ValueCount ?? 0))).Select(ord => Name(scratch, s => tags!.LookupOrd(ord, s)))];
        var maxDoc = reader.MaxDoc;
        SourceOrds = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            // -1: the article has no source.
            SourceOrds[doc] = sources?.GetOrd(doc) ?? -1;
        }

        TagStarts = new int[maxDoc + 1];
        var ords = new List<int>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            TagStarts[doc] = ords.Count;
            if (tags is null)
            {
                continue;
            }

            tags.SetDocument(doc);
            for (var ord = tags.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = tags.NextOrd())
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

    /// <summary>The segment's sources, by ordinal.</summary>
    public string[] SourceNames { get; }

    /// <summary>The segment's tags, by ordinal.</summary>
    public string[] TagNames { get; }

    public static SegmentFacetOrdinals For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacetOrdinals(reader));

    private static string Name(BytesRef scratch, Action<BytesRef> lookup)
    {
        lookup(scratch);
        return scratch.Utf8ToString();
    }
}
