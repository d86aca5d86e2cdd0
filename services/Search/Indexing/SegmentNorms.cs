using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// A field's length norms of one segment as a plain byte array, read once from Lucene's norms
/// and kept as long as the segment lives (one byte per document and field). The word scorer
/// reads a norm for every posting; an array read is several times cheaper than a call through
/// <see cref="NumericDocValues"/>.
/// </summary>
internal static class SegmentNorms
{
    // Keyed by the segment's core, which outlives reopens of an unchanged segment.
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, byte[]?>> Cache = new();
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, byte[]?>> PresentCache = new();

    /// <summary>The norms of <paramref name="field"/> in <paramref name="reader"/>, or null when it has none.</summary>
    public static byte[]? For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, byte[]?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Read(reader, f));

    /// <summary>
    /// The distinct norms <paramref name="field"/> has in <paramref name="reader"/> (the word
    /// scorer bounds scores by the shortest), or null when it has none.
    /// </summary>
    public static byte[]? Present(AtomicReader reader, string field) =>
        PresentCache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, byte[]?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => For(reader, f) is { } norms ? norms.Distinct().ToArray() : null);

    private static byte[]? Read(AtomicReader reader, string field)
    {
        if (reader.GetNormValues(field) is not { } norms)
        {
            return null;
        }

        var bytes = new byte[reader.MaxDoc];
        for (var doc = 0; doc < bytes.Length; doc++)
        {
            bytes[doc] = (byte)norms.Get(doc);
        }

        return bytes;
    }
}
