using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The best score one query word (all its fields and alternatives) reaches in each window of
/// documents of one segment, kept as long as the segment lives. Summing each field's own maximum overstates a word
/// several times over, because no document is the best in every field at once; the real
/// maximum lets top-k pruning skip common words far sooner (docs/performance.md).
/// </summary>
internal static class SegmentWordBounds
{
    /// <summary>
    /// Below this many postings in a segment a word keeps the bound from its terms' statistics:
    /// reading it would cost as much as scoring it, and rare words are never skipped anyway.
    /// </summary>
    public const int MinDocFreq = 512;

    /// <summary>Words remembered per segment; past it bounds are computed per query, not kept.</summary>
    private const int MaxWordsPerSegment = 20_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Bound>> Cache = new();

    /// <summary>
    /// Bounds of word <paramref name="key"/> per window of the segment of <paramref name="coreKey"/>,
    /// to be multiplied by the returned scale, for terms now weighted <paramref name="weights"/>
    /// over fields whose average lengths are <paramref name="averageLengths"/>;
    /// <paramref name="compute"/> scores the word over the segment when it is not known.
    /// </summary>
    public static (float[] Windows, float Scale) For(object coreKey, string key, float[] weights, float[] averageLengths, Func<float[]> compute)
    {
        var bounds = Cache.GetValue(coreKey, _ => new ConcurrentDictionary<string, Bound>(StringComparer.Ordinal));
        if (!bounds.TryGetValue(key, out var bound) || bound.Weights.Length != weights.Length)
        {
            bound = new Bound(compute(), weights, averageLengths);
            if (bounds.Count < MaxWordsPerSegment)
            {
                bounds[key] = bound;
            }

            return (bound.Windows, 1f);
        }

        // Each term's score is its weight times f / (f + norm), norm = k1 · (1 − b + b · length /
        // average): when the index changes, a weight grows by at most its own ratio; a longer
        // average shrinks every norm by at most the ratio of the averages (a shorter one only
        // grows them), so f / (f + norm) grows by at most that ratio; and the word's score, sums
        // and maxima of term scores, by at most the largest product of the two.
        var scale = 1.0;
        for (var i = 0; i < weights.Length; i++)
        {
            scale = Math.Max(scale, (double)weights[i] / bound.Weights[i] * Math.Max(1.0, (double)averageLengths[i] / bound.AverageLengths[i]));
        }

        // Rounded up so that the scaled bound never falls below the exact product.
        return (bound.Windows, MathF.BitIncrement((float)scale));
    }

    private sealed record Bound(float[] Windows, float[] Weights, float[] AverageLengths);
}
