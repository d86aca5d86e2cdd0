using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The best score one query word (all its fields and alternatives) reaches in one segment,
/// kept as long as the segment lives. Summing each field's own maximum overstates a word
/// several times over, because no document is the best in every field at once; the real
/// maximum lets top-k pruning skip common words far sooner (docs/performance.md).
/// </summary>
internal static class SegmentWordBounds
{
    /// <summary>Words remembered per segment; past it bounds are computed per query, not kept.</summary>
    private const int MaxWordsPerSegment = 20_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Bound>> Cache = new();

    /// <summary>
    /// A bound of word <paramref name="key"/> in the segment of <paramref name="coreKey"/> for
    /// terms now weighted <paramref name="weights"/> over fields whose average lengths are
    /// <paramref name="averageLengths"/>; <paramref name="compute"/> scores the word over the
    /// segment when it is not known.
    /// </summary>
    public static float For(object coreKey, string key, float[] weights, float[] averageLengths, Func<float> compute)
    {
        var bounds = Cache.GetValue(coreKey, _ => new ConcurrentDictionary<string, Bound>(StringComparer.Ordinal));
        if (!bounds.TryGetValue(key, out var bound) || bound.Weights.Length != weights.Length)
        {
            bound = new Bound(compute(), weights, averageLengths);
            if (bounds.Count < MaxWordsPerSegment)
            {
                bounds[key] = bound;
            }

            return bound.Score;
        }

        // Each term's score is its weight times f / (f + norm): when the index changes, a weight
        // grows by at most its ratio and f / (f + norm) by at most the ratio of the average
        // lengths (SegmentTermBounds), and the word's score, a sum and maximum of them, with them.
        var scale = 1.0;
        for (var i = 0; i < weights.Length; i++)
        {
            scale = Math.Max(scale, (double)weights[i] / bound.Weights[i] * Math.Max(1.0, (double)averageLengths[i] / bound.AverageLengths[i]));
        }

        return (float)(bound.Score * scale);
    }

    private sealed record Bound(float Score, float[] Weights, float[] AverageLengths);
}
