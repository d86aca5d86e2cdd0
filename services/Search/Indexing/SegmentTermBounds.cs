using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The highest BM25 frequency part, <c>f / (f + norm)</c>, a term reaches in one segment: what
/// Lucene 8 keeps per block as impacts, which the 4.8 index format lacks. Read from the term's
/// postings the first time a query needs it and kept as long as the segment lives, so top-k
/// pruning bounds common words by what they really score rather than by the frequency limit.
/// </summary>
internal static class SegmentTermBounds
{
    /// <summary>Below this many documents in a segment a term keeps the cheap bound: reading it costs as much as scoring it.</summary>
    public const int MinDocFreq = 512;

    /// <summary>Terms remembered per segment; past it bounds are computed per query, not kept.</summary>
    private const int MaxTermsPerSegment = 50_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, Bound>> Cache = new();

    /// <summary>
    /// An upper bound of <c>f / (f + lengthNorms[norm])</c> over the documents of
    /// <paramref name="leaf"/> holding <paramref name="term"/> (positioned by
    /// <paramref name="state"/>), for a field whose average length is <paramref name="averageLength"/>.
    /// </summary>
    public static double Ratio(AtomicReader leaf, Term term, TermState state, float[] lengthNorms, float k1, float averageLength)
    {
        var bounds = Cache.GetValue(leaf.CoreCacheKey, _ => new ConcurrentDictionary<Term, Bound>());
        if (!bounds.TryGetValue(term, out var bound))
        {
            bound = new Bound(Read(leaf, term, state, lengthNorms, k1), averageLength);
            if (bounds.Count < MaxTermsPerSegment)
            {
                bounds.TryAdd(term, bound);
            }
        }

        // With a longer average every document's norm shrinks, by at most the ratio of the
        // averages; with a shorter one it only grows. So the stored maximum, scaled, stays a bound.
        return bound.Ratio * Math.Max(1.0, averageLength / bound.AverageLength);
    }

    private static double Read(AtomicReader leaf, Term term, TermState state, float[] lengthNorms, float k1)
    {
        var termsEnum = leaf.GetTerms(term.Field)!.GetEnumerator();
        termsEnum.SeekExact(term.Bytes, state);
        // Deleted documents included: a bound may only be too high.
        var docs = termsEnum.Docs(null, null, DocsFlags.FREQS);
        var norms = SegmentNorms.For(leaf, term.Field);
        var best = 0.0;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            double freq = docs.Freq;
            var ratio = freq / (freq + (norms is null ? k1 : lengthNorms[norms[doc]]));
            if (ratio > best)
            {
                best = ratio;
            }
        }

        return best;
    }

    private readonly record struct Bound(double Ratio, float AverageLength);
}
